@dialect postgres
# Spring Data JDBC / JdbcTemplate / hand-written repository SQL.

SELECT "product"."id" AS "id", "product"."name" AS "name", "product"."price" AS "price" FROM "product" WHERE "product"."id" = ?
=> r product.id, r product.name, r product.price

SELECT COUNT(*) FROM "product" WHERE "product"."category_id" = ?
=> r product.category_id

INSERT INTO "product" ("name", "price", "sku") VALUES (?, ?, ?)
=> w product.name, w product.price, w product.sku

UPDATE "product" SET "name" = ?, "price" = ? WHERE "product"."id" = ?
=> w product.name, w product.price, r product.id

DELETE FROM "product" WHERE "product"."id" = ?
=> r product.id

SELECT id, name, price FROM product WHERE category_id = ? ORDER BY name LIMIT ? OFFSET ?
=> r product.id, r product.name, r product.price, r product.category_id

SELECT * FROM customer WHERE email = ?
=> r customer.*, r customer.email

SELECT c.* FROM customer c WHERE c.country = ? AND c.created_at > ?
=> r customer.*, r customer.country, r customer.created_at

SELECT o.id, o.total, c.email FROM orders o JOIN customer c ON c.id = o.customer_id WHERE o.status = 'NEW'
=> r orders.id, r orders.total, r orders.customer_id, r orders.status, r customer.email, r customer.id

SELECT EXISTS (SELECT 1 FROM customer WHERE email = ?)
=> r customer.email

SELECT count(*) > 0 FROM review WHERE product_id = ? AND customer_id = ?
=> r review.product_id, r review.customer_id

INSERT INTO review (product_id, customer_id, score, body, created_at) VALUES (?, ?, ?, ?, now())
=> w review.product_id, w review.customer_id, w review.score, w review.body, w review.created_at

UPDATE orders SET status = ?, shipped_at = CURRENT_TIMESTAMP WHERE id = ?
=> w orders.status, w orders.shipped_at, r orders.id

SELECT p.name, SUM(i.qty) AS sold FROM order_item i JOIN product p ON p.id = i.product_id GROUP BY p.name ORDER BY sold DESC LIMIT 10
=> r product.name, r product.id, r order_item.qty, r order_item.product_id

SELECT w.city, SUM(inv.qty) FROM inventory inv JOIN warehouse w ON w.id = inv.warehouse_id GROUP BY w.city
=> r warehouse.city, r warehouse.id, r inventory.qty, r inventory.warehouse_id

SELECT id FROM orders WHERE customer_id = ? AND created_at >= date_trunc('month', now())
=> r orders.id, r orders.customer_id, r orders.created_at

SELECT username, email FROM auth_user WHERE is_active AND NOT is_staff ORDER BY date_joined DESC
=> r auth_user.username, r auth_user.email, r auth_user.is_active, r auth_user.is_staff, r auth_user.date_joined

UPDATE auth_user SET password = ? WHERE username = ?
=> w auth_user.password, r auth_user.username

SELECT m.name, p.amount FROM member m JOIN payment p ON p.member_id = m.member_id WHERE p.paid_at > ?
=> r member.name, r member.member_id, r payment.amount, r payment.member_id, r payment.paid_at

SELECT m.name, p.amount FROM member m JOIN payment p ON p.member_uuid = m.member_uuid
=> r member.name, r member.member_uuid, r payment.amount, r payment.member_uuid

UPDATE payment p SET member_uuid = m.member_uuid FROM member m WHERE m.member_id = p.member_id AND p.member_uuid IS NULL
=> w payment.member_uuid, r payment.member_id, r payment.member_uuid, r member.member_uuid, r member.member_id

INSERT INTO payment (order_id, member_id, member_uuid, amount, paid_at) VALUES (?, ?, ?, ?, ?)
=> w payment.order_id, w payment.member_id, w payment.member_uuid, w payment.amount, w payment.paid_at

SELECT id, name FROM category WHERE parent_id = ? ORDER BY name
=> r category.id, r category.name, r category.parent_id

DELETE FROM audit_log WHERE at < now() - interval '90 days'
=> r audit_log.at

SELECT entity, count(*) FROM audit_log GROUP BY entity
=> r audit_log.entity

SELECT 1
=> none

SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM payment p WHERE p.order_id = o.id)
=> r orders.id, r payment.order_id

SELECT product_id, max(score), min(score) FROM review GROUP BY product_id HAVING count(*) >= 3
=> r review.product_id, r review.score

UPDATE product SET rating = (SELECT round(avg(score)) FROM review WHERE review.product_id = product.id)
=> w product.rating, r product.id, r review.score, r review.product_id

SELECT t.name FROM tag t WHERE t.id IN (SELECT tag_id FROM product_tag WHERE product_id = ?)
=> r tag.name, r tag.id, r product_tag.tag_id, r product_tag.product_id
