"""/tim: a supervisor's team, and Ingatkan."""
