@dialect postgres
# MyBatis mapper SQL after #{…} became ?, with its dynamic-SQL fragments.

SELECT id, sku, name, price FROM product WHERE 1=1 AND category_id = ? AND price <= ? ORDER BY id
=> r product.id, r product.sku, r product.name, r product.price, r product.category_id

SELECT p.id AS product_id, p.name AS product_name, c.id AS category_id, c.name AS category_name FROM product p LEFT JOIN category c ON p.category_id = c.id WHERE p.id = ?
=> r product.id, r product.name, r product.category_id, r category.id, r category.name

SELECT id, status, total FROM orders WHERE customer_id = ? AND status IN ( ? , ? ) ORDER BY created_at DESC
=> r orders.id, r orders.status, r orders.total, r orders.customer_id, r orders.created_at

INSERT INTO orders (customer_id, status, total, created_at) VALUES (?, ?, ?, now())
=> w orders.customer_id, w orders.status, w orders.total, w orders.created_at

INSERT INTO order_item (order_id, product_id, qty, unit_price) VALUES (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)
=> w order_item.order_id, w order_item.product_id, w order_item.qty, w order_item.unit_price

UPDATE orders SET total = ? , status = ? WHERE id = ?
=> w orders.total, w orders.status, r orders.id

SELECT COUNT(1) FROM order_item WHERE order_id = ?
=> r order_item.order_id

SELECT o.id, o.total, i.product_id, i.qty FROM orders o INNER JOIN order_item i ON i.order_id = o.id WHERE o.id IN (?, ?, ?) ORDER BY o.id, i.id
=> r orders.id, r orders.total, r order_item.product_id, r order_item.qty, r order_item.order_id, r order_item.id

SELECT * FROM review WHERE product_id = ? ORDER BY created_at DESC LIMIT 20
=> r review.*, r review.product_id, r review.created_at

DELETE FROM review WHERE id IN (?, ?, ?)
=> r review.id

SELECT c.id, c.email, COUNT(o.id) AS order_count FROM customer c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.email HAVING COUNT(o.id) > ?
=> r customer.id, r customer.email, r orders.id, r orders.customer_id

SELECT id, name FROM warehouse WHERE city LIKE CONCAT('%', ?, '%')
=> r warehouse.id, r warehouse.name, r warehouse.city

UPDATE inventory SET qty = ?, updated_at = now() WHERE product_id = ? AND warehouse_id = ?
=> w inventory.qty, w inventory.updated_at, r inventory.product_id, r inventory.warehouse_id

SELECT product_id, SUM(qty) AS total_qty FROM inventory GROUP BY product_id ORDER BY total_qty DESC
=> r inventory.product_id, r inventory.qty

SELECT id, username, full_name, email, is_active FROM auth_user WHERE id = ?
=> r auth_user.id, r auth_user.username, r auth_user.full_name, r auth_user.email, r auth_user.is_active

UPDATE auth_user SET full_name = ?, email = ? WHERE id = ?
=> w auth_user.full_name, w auth_user.email, r auth_user.id

SELECT id, entity, entity_id, action, at FROM audit_log WHERE entity = ? ORDER BY at DESC LIMIT ? OFFSET ?
=> r audit_log.id, r audit_log.entity, r audit_log.entity_id, r audit_log.action, r audit_log.at

INSERT INTO tag (name) VALUES (?) RETURNING id
=> w tag.name, r tag.id

SELECT t.id, t.name FROM tag t INNER JOIN product_tag pt ON pt.tag_id = t.id WHERE pt.product_id = ?
=> r tag.id, r tag.name, r product_tag.tag_id, r product_tag.product_id

SELECT id FROM product WHERE (name LIKE ? OR description LIKE ?) AND active = TRUE
=> r product.id, r product.name, r product.description, r product.active

UPDATE product SET active = FALSE WHERE created_at < ? AND id NOT IN (SELECT DISTINCT product_id FROM order_item)
=> w product.active, r product.created_at, r product.id, r order_item.product_id

SELECT p.id, p.name, (SELECT COUNT(*) FROM review r WHERE r.product_id = p.id) AS review_count FROM product p WHERE p.category_id = ?
=> r product.id, r product.name, r product.category_id, r review.product_id

SELECT member_id, name FROM member WHERE member_id BETWEEN ? AND ?
=> r member.member_id, r member.name

SELECT SUM(amount) FROM payment WHERE member_id = ? AND paid_at >= ?
=> r payment.amount, r payment.member_id, r payment.paid_at

SELECT i.id, i.amount FROM billing.invoice i WHERE i.order_id IN (SELECT id FROM orders WHERE customer_id = ?)
=> r billing.invoice.id, r billing.invoice.amount, r billing.invoice.order_id, r orders.id, r orders.customer_id
