INSERT INTO corner.reserved VALUES (1, 'star', '*'), (2, 'stars', '**'), (3, 'at least', '>='), (4, 'money', '$'), (5, 'spaced', 'a b');
INSERT INTO corner.reserved_input VALUES (10, 1, '[1.5,2)', '{*,$}'), (11, 1, '(,3]', NULL), (12, 3, 'empty', '{}'), (13, NULL, NULL, '{1st}'), (14, 1, '[4,5]', NULL);
