INSERT INTO tagged.group_organizer VALUES (1, 10, 'chair', 'x'), (1, 11, 'treasurer', NULL), (2, 10, 'chair', NULL);
INSERT INTO tagged."Order" ("select", "from", "camelCase", old_field) VALUES ('first', 1, true, 'old'), ('second', NULL, false, NULL);
INSERT INTO tagged.item (order_id, sku, quantity, internal_cost) VALUES (1, 'A-1', 2, 1.0), (1, 'B-2', 1, 2.0), (2, 'A-1', 5, 1.0);
INSERT INTO tagged.audit_log (message) VALUES ('created');
