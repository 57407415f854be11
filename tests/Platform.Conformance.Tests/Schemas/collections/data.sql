INSERT INTO lib.author (name) VALUES ('ursula'), ('italo'), ('jorge');
INSERT INTO lib.book (title, author_id, editor_id, translator_id) VALUES
  ('earthsea', 1, 2, NULL), ('dispossessed', 1, 3, 2), ('cities', 2, 1, 3), ('ficciones', 3, 1, 1);
INSERT INTO lib.shelf (label, author_id) VALUES ('top', 1), ('bottom', 2);
