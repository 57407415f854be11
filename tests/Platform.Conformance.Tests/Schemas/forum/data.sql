INSERT INTO app.users (username, bio, joined_on) VALUES
  ('ada', 'Counts things.', '2020-02-01'),
  ('brian', NULL, '2020-03-01'),
  ('cleo', 'Writes.', '2020-04-01'),
  ('dmitri', NULL, '2020-05-01');
INSERT INTO app.posts (author_id, title, body, score, published) VALUES
  (1, 'Engines', 'On the analytical engine.', 10, true),
  (1, 'Notes', NULL, 7, true),
  (2, 'Draft by brian', 'unfinished', 3, false),
  (3, 'Poems', 'Some verse.', 7, true),
  (3, 'More poems', NULL, 1, true),
  (4, 'Tables', 'Periodic.', 10, true);
INSERT INTO app.comments (post_id, author_id, parent_id, body) VALUES
  (1, 2, NULL, 'Great read'),
  (1, 1, 1, 'Thanks'),
  (1, 3, 2, 'Agreed'),
  (4, 1, NULL, 'Lovely'),
  (6, 3, NULL, 'Neat');
INSERT INTO app.follows (follower_id, followee_id, since) VALUES
  (1, 3, '2021-02-01'), (2, 1, '2021-03-01'), (3, 1, '2021-04-01'), (4, 1, '2021-05-01'), (1, 4, '2021-06-01');
