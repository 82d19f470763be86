@dialect postgres
# PostgreSQL specifics: CTEs (recursive, data-modifying), DISTINCT ON, LATERAL, ON CONFLICT, RETURNING, windows,
# JSON and arrays, FILTER, set operations, USING, generate_series, and scope rules.

WITH RECURSIVE tree AS (SELECT id, parent_id, name FROM category WHERE id = ? UNION ALL SELECT c.id, c.parent_id, c.name FROM category c JOIN tree t ON c.parent_id = t.id) SELECT name FROM tree
=> r category.id, r category.parent_id, r category.name

WITH top AS (SELECT product_id, sum(qty) AS n FROM order_item GROUP BY product_id ORDER BY n DESC LIMIT 5) SELECT p.name, top.n FROM top JOIN product p ON p.id = top.product_id
=> r order_item.product_id, r order_item.qty, r product.name, r product.id

WITH product AS (SELECT 1 AS id, 'x' AS name) SELECT name FROM product
=> none

WITH recent AS (SELECT * FROM orders WHERE created_at > now() - interval '1 day') SELECT count(*) FROM recent
=> r orders.*, r orders.created_at

WITH moved AS (DELETE FROM order_item WHERE order_id = ? RETURNING product_id, qty) UPDATE inventory SET qty = inventory.qty + moved.qty FROM moved WHERE inventory.product_id = moved.product_id
=> r order_item.order_id, r order_item.product_id, r order_item.qty, w inventory.qty, r inventory.qty, r inventory.product_id

SELECT DISTINCT ON (customer_id) customer_id, id, created_at FROM orders ORDER BY customer_id, created_at DESC
=> r orders.customer_id, r orders.id, r orders.created_at

SELECT p.name, r.body FROM product p CROSS JOIN LATERAL (SELECT body FROM review WHERE review.product_id = p.id ORDER BY created_at DESC LIMIT 1) r
=> r product.name, r product.id, r review.body, r review.product_id, r review.created_at

SELECT c.email, last.total FROM customer c LEFT JOIN LATERAL (SELECT o.total FROM orders o WHERE o.customer_id = c.id ORDER BY o.created_at DESC LIMIT 1) last ON true
=> r customer.email, r customer.id, r orders.total, r orders.customer_id, r orders.created_at

INSERT INTO inventory (product_id, warehouse_id, qty) VALUES (?, ?, ?) ON CONFLICT (product_id, warehouse_id) DO UPDATE SET qty = EXCLUDED.qty, updated_at = now()
=> w inventory.product_id, w inventory.warehouse_id, w inventory.qty, w inventory.updated_at, r inventory.product_id, r inventory.warehouse_id

INSERT INTO tag (name) VALUES (?) ON CONFLICT DO NOTHING
=> w tag.name

INSERT INTO customer (email, full_name) VALUES (?, ?) ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name WHERE customer.full_name IS DISTINCT FROM EXCLUDED.full_name RETURNING id
=> w customer.email, w customer.full_name, r customer.email, r customer.full_name, r customer.id

UPDATE orders SET status = 'SHIPPED', shipped_at = now() WHERE id = ANY(?) RETURNING id, customer_id
=> w orders.status, w orders.shipped_at, r orders.id, r orders.customer_id

DELETE FROM review WHERE created_at < ? RETURNING id, product_id
=> r review.created_at, r review.id, r review.product_id

SELECT id, total, rank() OVER (PARTITION BY customer_id ORDER BY total DESC) AS r FROM orders
=> r orders.id, r orders.total, r orders.customer_id

SELECT product_id, score, avg(score) OVER w FROM review WINDOW w AS (PARTITION BY product_id ORDER BY created_at ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
=> r review.product_id, r review.score, r review.created_at

SELECT customer_id, total, lag(total) OVER (PARTITION BY customer_id ORDER BY created_at) FROM orders
=> r orders.customer_id, r orders.total, r orders.created_at

SELECT id, attributes->>'color' AS color, attributes #>> '{size,eu}' FROM product WHERE attributes @> ?::jsonb
=> r product.id, r product.attributes

SELECT id FROM product WHERE ? = ANY(tags)
=> r product.id, r product.tags

SELECT unnest(tags) AS tag, count(*) FROM product GROUP BY 1
=> r product.tags

SELECT status, count(*) FILTER (WHERE total > 100) AS big, count(*) AS all_orders FROM orders GROUP BY status
=> r orders.status, r orders.total

SELECT email FROM customer INTERSECT SELECT email FROM auth_user
=> r customer.email, r auth_user.email

SELECT id FROM product EXCEPT SELECT product_id FROM order_item
=> r product.id, r order_item.product_id

DELETE FROM review r USING customer c WHERE r.customer_id = c.id AND c.email LIKE '%@spam.test'
=> r review.customer_id, r customer.id, r customer.email

UPDATE product p SET category_id = c.id FROM category c WHERE c.name = p.description
=> w product.category_id, r product.description, r category.id, r category.name

SELECT d::date, count(o.id) FROM generate_series(?::date, ?::date, interval '1 day') d LEFT JOIN orders o ON o.created_at::date = d::date GROUP BY d ORDER BY d
=> r orders.id, r orders.created_at

SELECT p.id FROM product p JOIN order_item i USING (id)
=> r product.id, r order_item.id

SELECT name FROM product WHERE id = (SELECT product_id FROM review ORDER BY score DESC LIMIT 1)
=> r product.name, r product.id, r review.product_id, r review.score

SELECT name, (SELECT count(*) FROM review WHERE product_id = product.id) FROM product
=> r product.name, r product.id, r review.product_id

SELECT o.id FROM orders o WHERE o.total > ALL (SELECT total FROM orders WHERE status = 'CANCELLED')
=> r orders.id, r orders.total, r orders.status

SELECT x.n FROM (VALUES (1), (2)) AS x(n)
=> none

SELECT t.name, t.total FROM (SELECT c.full_name AS name, sum(o.total) AS total FROM customer c JOIN orders o ON o.customer_id = c.id GROUP BY c.full_name) t WHERE t.total > ?
=> r customer.full_name, r customer.id, r orders.total, r orders.customer_id

SELECT id, name FROM product ORDER BY rating DESC NULLS LAST, name LIMIT 10 FOR SHARE
=> r product.id, r product.name, r product.rating

SELECT id FROM orders WHERE status = 'NEW' ORDER BY created_at LIMIT 10 FOR UPDATE SKIP LOCKED
=> r orders.id, r orders.status, r orders.created_at

SELECT to_char(created_at, 'YYYY-MM') AS month, sum(total) FROM orders GROUP BY month ORDER BY month
=> r orders.created_at, r orders.total

SELECT id, total::numeric(12,2), CAST(customer_id AS text) FROM orders
=> r orders.id, r orders.total, r orders.customer_id

SELECT id FROM customer WHERE email ~* ? AND created_at > now() - '30 days'::interval
=> r customer.id, r customer.email, r customer.created_at

SELECT string_agg(name, ', ' ORDER BY name) FROM tag
=> r tag.name

SELECT array_agg(DISTINCT p.category_id) FROM product p WHERE p.active
=> r product.category_id, r product.active

SELECT jsonb_build_object('id', id, 'name', name) FROM product WHERE rating IS NOT NULL
=> r product.id, r product.name, r product.rating

SELECT row_to_json(c.*) FROM customer c WHERE c.id = ?
=> r customer.*, r customer.id

SELECT c.*, o.id AS order_id FROM customer c JOIN orders o ON o.customer_id = c.id
=> r customer.*, r customer.id, r orders.id, r orders.customer_id

SELECT count(*) FROM orders WHERE EXISTS (SELECT * FROM payment WHERE payment.order_id = orders.id)
=> r orders.id, r payment.order_id

SELECT * FROM orders, customer WHERE orders.customer_id = customer.id AND customer.country = ?
=> r orders.*, r orders.customer_id, r customer.*, r customer.id, r customer.country

SELECT full_name, total FROM customer JOIN orders ON orders.customer_id = customer.id
=> r customer.full_name, r customer.id, r orders.total, r orders.customer_id

SELECT i.amount, o.status FROM billing.invoice i JOIN orders o ON o.id = i.order_id
=> r billing.invoice.amount, r billing.invoice.order_id, r orders.status, r orders.id

TRUNCATE audit_log
=> w audit_log

CALL refresh_product_stats(?)
=> none

{call refresh_product_stats(?)}
=> none

SELECT coalesce(sum(amount), 0) FROM payment WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?)
=> r payment.amount, r payment.order_id, r orders.id, r orders.customer_id

SELECT p.name FROM product p WHERE p.price > (SELECT avg(price) FROM product WHERE category_id = p.category_id)
=> r product.name, r product.price, r product.category_id

SELECT w.name, sum(i.qty) FILTER (WHERE i.qty > 0) FROM warehouse w LEFT JOIN inventory i ON i.warehouse_id = w.id GROUP BY ROLLUP (w.name)
=> r warehouse.name, r warehouse.id, r inventory.qty, r inventory.warehouse_id

# Keyword-separated arguments, EXTRACT, CAST and window frames: each argument is a column the statement needs.
SELECT substring(name FROM 1 FOR 3), position('x' IN sku), trim(both ' ' FROM description) FROM product WHERE id = ?
=> r product.name, r product.sku, r product.description, r product.id

SELECT overlay(email PLACING '***' FROM 1 FOR 3), trim(leading FROM full_name) FROM customer
=> r customer.email, r customer.full_name

SELECT extract(year FROM created_at), cast(total AS text), status::text FROM orders
=> r orders.created_at, r orders.total, r orders.status

SELECT sum(qty) OVER (PARTITION BY order_id ORDER BY id ROWS BETWEEN unit_price PRECEDING AND CURRENT ROW) FROM order_item
=> r order_item.qty, r order_item.order_id, r order_item.id, r order_item.unit_price

SELECT substring(body FROM '[0-9]+' FOR '#'), score FROM review WHERE trim(trailing 'x' FROM body) <> ''
=> r review.body, r review.score
