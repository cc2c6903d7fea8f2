-- Erasure on request also thins the name vocabulary: a token only the erased person carried is deleted.
GRANT DELETE ON name_token TO lotse_app;
