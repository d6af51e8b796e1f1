"""The leaders' monthly digest: heads of OPD and OPD admins get their OPD's standing,
superadmins the province's, on the first working day of each month."""
