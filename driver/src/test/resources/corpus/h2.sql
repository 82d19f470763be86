@dialect h2
# H2 (often the test database of the same application): upper-case catalog, MERGE, KEY syntax.

SELECT id, name, price FROM product WHERE id = ?
=> r PRODUCT.ID, r PRODUCT.NAME, r PRODUCT.PRICE

SELECT p.id, c.name FROM product p JOIN category c ON c.id = p.category_id
=> r PRODUCT.ID, r PRODUCT.CATEGORY_ID, r CATEGORY.NAME, r CATEGORY.ID

INSERT INTO orders (customer_id, status, total) VALUES (?, ?, ?)
=> w ORDERS.CUSTOMER_ID, w ORDERS.STATUS, w ORDERS.TOTAL

UPDATE orders SET status = ? WHERE id = ?
=> w ORDERS.STATUS, r ORDERS.ID

DELETE FROM review WHERE product_id = ?
=> r REVIEW.PRODUCT_ID

MERGE INTO inventory t USING (SELECT ? AS product_id, ? AS warehouse_id, ? AS qty) s ON t.product_id = s.product_id AND t.warehouse_id = s.warehouse_id WHEN MATCHED THEN UPDATE SET qty = s.qty WHEN NOT MATCHED THEN INSERT (product_id, warehouse_id, qty) VALUES (s.product_id, s.warehouse_id, s.qty)
=> r INVENTORY.PRODUCT_ID, r INVENTORY.WAREHOUSE_ID, w INVENTORY.QTY, w INVENTORY.PRODUCT_ID, w INVENTORY.WAREHOUSE_ID

SELECT "NAME" FROM "PRODUCT"
=> r PRODUCT.NAME

SELECT COUNT(*) FROM customer WHERE country = ?
=> r CUSTOMER.COUNTRY

SELECT * FROM orders ORDER BY created_at DESC LIMIT 10
=> r ORDERS.*, r ORDERS.CREATED_AT

SELECT c.email, SUM(o.total) FROM customer c JOIN orders o ON o.customer_id = c.id GROUP BY c.email
=> r CUSTOMER.EMAIL, r CUSTOMER.ID, r ORDERS.TOTAL, r ORDERS.CUSTOMER_ID

SELECT amount FROM billing.invoice WHERE order_id = ?
=> r BILLING.INVOICE.AMOUNT, r BILLING.INVOICE.ORDER_ID

WITH t AS (SELECT product_id, AVG(score) AS s FROM review GROUP BY product_id) SELECT p.name, t.s FROM product p JOIN t ON t.product_id = p.id
=> r REVIEW.PRODUCT_ID, r REVIEW.SCORE, r PRODUCT.NAME, r PRODUCT.ID

SELECT name FROM product WHERE category_id IN (SELECT id FROM category WHERE parent_id = ?)
=> r PRODUCT.NAME, r PRODUCT.CATEGORY_ID, r CATEGORY.ID, r CATEGORY.PARENT_ID

SELECT full_name, fullname FROM auth_user WHERE id = ?
=> r AUTH_USER.FULL_NAME, r AUTH_USER.FULLNAME, r AUTH_USER.ID

SELECT * FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'
=> none
