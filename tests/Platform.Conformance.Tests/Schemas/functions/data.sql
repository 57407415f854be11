INSERT INTO shop.product (name, price, stock) VALUES ('pen', 1.50, 100), ('book', 12.00, 5), ('lamp', 30.00, 0), ('ink', 1.50, 40), ('desk', 120.00, 12);
INSERT INTO shop_extra.review (product_id, stars, body) VALUES (1, 5, 'writes'), (1, 2, 'leaks'), (2, 4, NULL);
INSERT INTO shop_private.account (email, password) VALUES ('ada@example.com', 'secret');
