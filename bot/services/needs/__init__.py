"""Planning from needs (Peraturan LAN 10/2018: needs and plans first): the competency
catalogue, employees' declared needs per JP year, the demand across OPDs and its
coverage by programs, and the planning window's invitations and reminders."""
