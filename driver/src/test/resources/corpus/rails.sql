@dialect postgres
# Rails ActiveRecord SQL (as JRuby's JDBC adapter sends it): quoted table-qualified names, LIMIT, timestamps.

SELECT "products".* FROM "products" WHERE "products"."id" = ? LIMIT ?
=> r products.*, r products.id

SELECT "products".* FROM "products" WHERE "products"."discarded_at" IS NULL ORDER BY "products"."created_at" DESC
=> r products.*, r products.discarded_at, r products.created_at

SELECT "users".* FROM "users" WHERE "users"."email" = ? LIMIT ?
=> r users.*, r users.email

INSERT INTO "products" ("title", "price", "user_id", "created_at", "updated_at") VALUES (?, ?, ?, ?, ?) RETURNING "id"
=> w products.title, w products.price, w products.user_id, w products.created_at, w products.updated_at, r products.id

UPDATE "products" SET "title" = ?, "updated_at" = ? WHERE "products"."id" = ?
=> w products.title, w products.updated_at, r products.id

DELETE FROM "products" WHERE "products"."id" = ?
=> r products.id

SELECT COUNT(*) FROM "products" WHERE "products"."user_id" = ?
=> r products.user_id

SELECT 1 AS one FROM "users" WHERE "users"."email" = ? LIMIT ?
=> r users.email

SELECT "line_items".* FROM "line_items" WHERE "line_items"."cart_id" = ?
=> r line_items.*, r line_items.cart_id

SELECT "products".* FROM "products" INNER JOIN "line_items" ON "products"."id" = "line_items"."product_id" WHERE "line_items"."cart_id" = ?
=> r products.*, r products.id, r line_items.product_id, r line_items.cart_id

SELECT "products"."id", "products"."title", "users"."name" FROM "products" LEFT OUTER JOIN "users" ON "users"."id" = "products"."user_id"
=> r products.id, r products.title, r products.user_id, r users.name, r users.id

SELECT SUM("line_items"."quantity") FROM "line_items" WHERE "line_items"."product_id" = ?
=> r line_items.quantity, r line_items.product_id

INSERT INTO "line_items" ("product_id", "cart_id", "quantity", "created_at", "updated_at") VALUES (?, ?, ?, ?, ?) RETURNING "id"
=> w line_items.product_id, w line_items.cart_id, w line_items.quantity, w line_items.created_at, w line_items.updated_at, r line_items.id

UPDATE "line_items" SET "quantity" = COALESCE("quantity", 0) + 1 WHERE "line_items"."id" = ?
=> w line_items.quantity, r line_items.quantity, r line_items.id

DELETE FROM "line_items" WHERE "line_items"."cart_id" = ?
=> r line_items.cart_id

SELECT "carts".* FROM "carts" WHERE "carts"."user_id" = ? ORDER BY "carts"."id" DESC LIMIT ?
=> r carts.*, r carts.user_id, r carts.id

INSERT INTO "carts" ("user_id", "created_at", "updated_at") VALUES (?, ?, ?) RETURNING "id"
=> w carts.user_id, w carts.created_at, w carts.updated_at, r carts.id

SELECT "users".* FROM "users" WHERE "users"."admin" = TRUE
=> r users.*, r users.admin

UPDATE "users" SET "encrypted_password" = ?, "updated_at" = ? WHERE "users"."id" = ?
=> w users.encrypted_password, w users.updated_at, r users.id

SELECT "products".* FROM "products" WHERE "products"."title" ILIKE ? ORDER BY "products"."title" ASC LIMIT ? OFFSET ?
=> r products.*, r products.title

SELECT "products"."user_id", COUNT(*) AS count_all FROM "products" GROUP BY "products"."user_id"
=> r products.user_id

SELECT "products".* FROM "products" WHERE "products"."user_id" IN (SELECT "users"."id" FROM "users" WHERE "users"."admin" = FALSE)
=> r products.*, r products.user_id, r users.id, r users.admin

SELECT "products".* FROM "products" WHERE "products"."price" BETWEEN ? AND ? AND "products"."discarded_at" IS NULL
=> r products.*, r products.price, r products.discarded_at

UPDATE "products" SET "discarded_at" = ? WHERE "products"."user_id" = ?
=> w products.discarded_at, r products.user_id

SELECT DISTINCT "users"."id" FROM "users" INNER JOIN "carts" ON "carts"."user_id" = "users"."id" INNER JOIN "line_items" ON "line_items"."cart_id" = "carts"."id"
=> r users.id, r carts.user_id, r carts.id, r line_items.cart_id

SELECT MAX("products"."updated_at") FROM "products"
=> r products.updated_at

SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."id" IN (?, ?, ?)
=> r users.id, r users.name

SELECT "products".* FROM "products" WHERE ("products"."title" = ? OR "products"."price" > ?)
=> r products.*, r products.title, r products.price

DELETE FROM "carts" WHERE "carts"."created_at" < ? AND NOT EXISTS (SELECT 1 FROM "line_items" WHERE "line_items"."cart_id" = "carts"."id")
=> r carts.created_at, r carts.id, r line_items.cart_id

SELECT "products"."title" FROM "products" ORDER BY RANDOM() LIMIT 1
=> r products.title
