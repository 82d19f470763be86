@dialect mysql
# MariaDB / MySQL: backticks, ON DUPLICATE KEY UPDATE, multi-table UPDATE and DELETE, LIMIT a,b, REPLACE, IGNORE.

SELECT `id`, `name`, `price` FROM `product` WHERE `id` = ?
=> r product.id, r product.name, r product.price

SELECT p.`id`, p.`name`, c.`name` FROM `product` p JOIN `category` c ON c.`id` = p.`category_id` WHERE p.`active` = 1
=> r product.id, r product.name, r product.category_id, r product.active, r category.name, r category.id

INSERT INTO `inventory` (`product_id`, `warehouse_id`, `qty`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE `qty` = `qty` + VALUES(`qty`)
=> w inventory.product_id, w inventory.warehouse_id, w inventory.qty, r inventory.qty

INSERT INTO tag (name) VALUES ('sale') ON DUPLICATE KEY UPDATE name = VALUES(name)
=> w tag.name

INSERT IGNORE INTO product_tag (product_id, tag_id) VALUES (?, ?)
=> w product_tag.product_id, w product_tag.tag_id

REPLACE INTO django_session (session_key, session_data, expire_date) VALUES (?, ?, ?)
=> w django_session.session_key, w django_session.session_data, w django_session.expire_date

UPDATE product p JOIN category c ON c.id = p.category_id SET p.active = 0 WHERE c.name = ?
=> w product.active, r product.category_id, r category.id, r category.name

UPDATE orders o, customer c SET o.status = 'VIP' WHERE o.customer_id = c.id AND c.country = ?
=> w orders.status, r orders.customer_id, r customer.id, r customer.country

DELETE r FROM review r JOIN customer c ON c.id = r.customer_id WHERE c.email LIKE ?
=> r review.customer_id, r customer.id, r customer.email

DELETE FROM audit_log WHERE at < NOW() - INTERVAL 90 DAY LIMIT 1000
=> r audit_log.at

SELECT id, name FROM product ORDER BY id LIMIT 20, 10
=> r product.id, r product.name

SELECT SQL_CALC_FOUND_ROWS id FROM orders WHERE status = 'NEW' LIMIT 10
=> r orders.id, r orders.status

SELECT customer_id, GROUP_CONCAT(id ORDER BY id SEPARATOR ',') FROM orders GROUP BY customer_id
=> r orders.customer_id, r orders.id

SELECT IFNULL(description, name) AS label FROM product WHERE id = ?
=> r product.description, r product.name, r product.id

SELECT DATE_FORMAT(created_at, '%Y-%m') AS m, COUNT(*) FROM orders GROUP BY m
=> r orders.created_at

SELECT * FROM `customer` WHERE `email` = 'a\'b@example.com'
=> r customer.*, r customer.email

SELECT o.id, o.total FROM orders o STRAIGHT_JOIN customer c ON c.id = o.customer_id
=> r orders.id, r orders.total, r orders.customer_id, r customer.id

SELECT id FROM product FORCE INDEX (PRIMARY) WHERE id > ?
=> r product.id

SELECT name FROM product WHERE MATCH(name, description) AGAINST (? IN NATURAL LANGUAGE MODE)
=> r product.name, r product.description

INSERT INTO orders (customer_id, status, total, created_at) VALUES (?, ?, ?, NOW())
=> w orders.customer_id, w orders.status, w orders.total, w orders.created_at

INSERT INTO audit_log (entity, entity_id, action, at) SELECT 'order', id, 'archived', NOW() FROM orders WHERE created_at < ?
=> w audit_log.entity, w audit_log.entity_id, w audit_log.action, w audit_log.at, r orders.id, r orders.created_at

UPDATE inventory SET qty = GREATEST(qty - ?, 0), updated_at = NOW() WHERE product_id = ? AND warehouse_id = ?
=> w inventory.qty, w inventory.updated_at, r inventory.qty, r inventory.product_id, r inventory.warehouse_id

SELECT u.username, COUNT(r.id) FROM auth_user u LEFT JOIN shop_review r ON r.author_id = u.id GROUP BY u.username
=> r auth_user.username, r auth_user.id, r shop_review.id, r shop_review.author_id

SELECT full_name FROM auth_user WHERE id = ?
=> r auth_user.full_name, r auth_user.id

UPDATE auth_user SET fullname = full_name WHERE fullname IS NULL
=> w auth_user.fullname, r auth_user.full_name, r auth_user.fullname

SELECT member_id, name FROM member WHERE member_uuid IS NULL
=> r member.member_id, r member.name, r member.member_uuid

UPDATE payment SET member_uuid = (SELECT m.member_uuid FROM member m WHERE m.member_id = payment.member_id)
=> w payment.member_uuid, r payment.member_id, r member.member_uuid, r member.member_id

SELECT p.title, u.name FROM products p INNER JOIN users u ON u.id = p.user_id WHERE p.discarded_at IS NULL
=> r products.title, r products.user_id, r products.discarded_at, r users.name, r users.id

SELECT `products`.* FROM `products` WHERE `products`.`id` = ? LIMIT 1
=> r products.*, r products.id

INSERT INTO `line_items` (`product_id`, `cart_id`, `quantity`, `created_at`, `updated_at`) VALUES (?, ?, ?, ?, ?)
=> w line_items.product_id, w line_items.cart_id, w line_items.quantity, w line_items.created_at, w line_items.updated_at

SELECT COUNT(*) FROM `line_items` WHERE `line_items`.`cart_id` = ?
=> r line_items.cart_id

SELECT w.city, SUM(i.qty) AS total FROM warehouse w JOIN inventory i ON i.warehouse_id = w.id GROUP BY w.city WITH ROLLUP
=> r warehouse.city, r warehouse.id, r inventory.qty, r inventory.warehouse_id

SELECT id FROM orders WHERE total BETWEEN ? AND ? AND status <> 'CANCELLED' ORDER BY total DESC
=> r orders.id, r orders.total, r orders.status

SELECT p.name FROM product p WHERE EXISTS (SELECT * FROM order_item i WHERE i.product_id = p.id)
=> r product.name, r product.id, r order_item.product_id

SELECT c.email FROM customer c WHERE c.id NOT IN (SELECT customer_id FROM orders WHERE created_at > ?)
=> r customer.email, r customer.id, r orders.customer_id, r orders.created_at

SELECT name, price FROM product UNION ALL SELECT title, price FROM products
=> r product.name, r product.price, r products.title, r products.price

SELECT CONCAT(first.name, ' / ', second.name) FROM category first JOIN category second ON second.parent_id = first.id
=> r category.name, r category.parent_id, r category.id

SELECT id, JSON_EXTRACT(attributes, '$.color') FROM product WHERE JSON_CONTAINS(attributes, ?)
=> r product.id, r product.attributes

SELECT id FROM product WHERE name REGEXP ? AND price > 0
=> r product.id, r product.name, r product.price

SELECT id, score FROM review WHERE product_id = ? ORDER BY created_at DESC LIMIT 5 FOR UPDATE
=> r review.id, r review.score, r review.product_id, r review.created_at

DELETE FROM django_session WHERE expire_date < NOW()
=> r django_session.expire_date

DELETE FROM product_tag
=> w product_tag

SELECT COUNT(*) FROM customer
=> r customer

SELECT o.id, i.amount FROM orders o LEFT JOIN invoice i ON i.order_id = o.id
=> r orders.id, r invoice.amount, r invoice.order_id

SELECT version()
=> none

# Keyword-separated arguments: each argument is a column the statement needs.
SELECT substring(name FROM 1 FOR 3), position('x' IN sku), trim(both ' ' FROM description) FROM product WHERE id = ?
=> r product.name, r product.sku, r product.description, r product.id
