"""Supervisors (atasan langsung) and their teams: who reports to whom, where each
member stands on the 20 JP right, and a nudge to one who is behind."""
