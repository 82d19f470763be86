@dialect postgres
# Django ORM SQL: every column quoted and table-qualified; auth and sessions included.

SELECT "shop_product"."id", "shop_product"."name", "shop_product"."rating", "shop_product"."price", "shop_product"."category_id", "shop_product"."created", "shop_product"."slug" FROM "shop_product" WHERE "shop_product"."id" = ? LIMIT 21
=> r shop_product.id, r shop_product.name, r shop_product.rating, r shop_product.price, r shop_product.category_id, r shop_product.created, r shop_product.slug

SELECT "shop_product"."id", "shop_product"."name", "shop_product"."price" FROM "shop_product" WHERE "shop_product"."rating" >= ? ORDER BY "shop_product"."rating" DESC
=> r shop_product.id, r shop_product.name, r shop_product.price, r shop_product.rating

SELECT "shop_product"."id", "shop_product"."name" FROM "shop_product" INNER JOIN "shop_category" ON ("shop_product"."category_id" = "shop_category"."id") WHERE "shop_category"."slug" = ?
=> r shop_product.id, r shop_product.name, r shop_product.category_id, r shop_category.id, r shop_category.slug

INSERT INTO "shop_product" ("name", "rating", "price", "category_id", "created", "slug") VALUES (?, ?, ?, ?, ?, ?) RETURNING "shop_product"."id"
=> w shop_product.name, w shop_product.rating, w shop_product.price, w shop_product.category_id, w shop_product.created, w shop_product.slug, r shop_product.id

UPDATE "shop_product" SET "name" = ?, "rating" = ?, "price" = ?, "category_id" = ?, "created" = ?, "slug" = ? WHERE "shop_product"."id" = ?
=> w shop_product.name, w shop_product.rating, w shop_product.price, w shop_product.category_id, w shop_product.created, w shop_product.slug, r shop_product.id

UPDATE "shop_product" SET "price" = ? WHERE "shop_product"."id" = ?
=> w shop_product.price, r shop_product.id

DELETE FROM "shop_product" WHERE "shop_product"."id" IN (?)
=> r shop_product.id

SELECT COUNT(*) AS "__count" FROM "shop_product" WHERE "shop_product"."category_id" = ?
=> r shop_product.category_id

SELECT (1) AS "a" FROM "shop_product" WHERE "shop_product"."slug" = ? LIMIT 1
=> r shop_product.slug

SELECT "shop_review"."id", "shop_review"."product_id", "shop_review"."author_id", "shop_review"."stars", "shop_review"."text", "shop_review"."created" FROM "shop_review" WHERE "shop_review"."product_id" IN (?, ?, ?)
=> r shop_review.id, r shop_review.product_id, r shop_review.author_id, r shop_review.stars, r shop_review.text, r shop_review.created

SELECT "shop_product"."id", "shop_product"."name", AVG("shop_review"."stars") AS "avg_stars" FROM "shop_product" LEFT OUTER JOIN "shop_review" ON ("shop_product"."id" = "shop_review"."product_id") GROUP BY "shop_product"."id", "shop_product"."name"
=> r shop_product.id, r shop_product.name, r shop_review.stars, r shop_review.product_id

SELECT "shop_product"."id", "shop_product"."name", "shop_category"."id", "shop_category"."name", "shop_category"."slug" FROM "shop_product" LEFT OUTER JOIN "shop_category" ON ("shop_product"."category_id" = "shop_category"."id") ORDER BY "shop_product"."name" ASC
=> r shop_product.id, r shop_product.name, r shop_product.category_id, r shop_category.id, r shop_category.name, r shop_category.slug

SELECT "auth_user"."id", "auth_user"."password", "auth_user"."last_login", "auth_user"."is_staff", "auth_user"."username", "auth_user"."full_name", "auth_user"."email", "auth_user"."is_active", "auth_user"."date_joined" FROM "auth_user" WHERE "auth_user"."username" = ? LIMIT 21
=> r auth_user.id, r auth_user.password, r auth_user.last_login, r auth_user.is_staff, r auth_user.username, r auth_user.full_name, r auth_user.email, r auth_user.is_active, r auth_user.date_joined

UPDATE "auth_user" SET "last_login" = ? WHERE "auth_user"."id" = ?
=> w auth_user.last_login, r auth_user.id

SELECT "auth_user"."id", "auth_user"."fullname" FROM "auth_user" WHERE "auth_user"."is_active"
=> r auth_user.id, r auth_user.fullname, r auth_user.is_active

UPDATE "auth_user" SET "fullname" = "auth_user"."full_name" WHERE "auth_user"."fullname" IS NULL
=> w auth_user.fullname, r auth_user.full_name, r auth_user.fullname

SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > ? AND "django_session"."session_key" = ?) LIMIT 21
=> r django_session.session_key, r django_session.session_data, r django_session.expire_date

INSERT INTO "django_session" ("session_key", "session_data", "expire_date") VALUES (?, ?, ?)
=> w django_session.session_key, w django_session.session_data, w django_session.expire_date

DELETE FROM "django_session" WHERE "django_session"."expire_date" < ?
=> r django_session.expire_date

SELECT DISTINCT "shop_category"."id", "shop_category"."name" FROM "shop_category" INNER JOIN "shop_product" ON ("shop_category"."id" = "shop_product"."category_id") WHERE "shop_product"."rating" > ?
=> r shop_category.id, r shop_category.name, r shop_product.category_id, r shop_product.rating

SELECT "shop_product"."id" FROM "shop_product" WHERE UPPER("shop_product"."name"::text) LIKE UPPER(?)
=> r shop_product.id, r shop_product.name

SELECT "shop_product"."id", "shop_product"."name" FROM "shop_product" WHERE EXISTS(SELECT 1 AS "a" FROM "shop_review" U1 WHERE (U1."stars" = ? AND U1."product_id" = ("shop_product"."id")) LIMIT 1)
=> r shop_product.id, r shop_product.name, r shop_review.stars, r shop_review.product_id

SELECT "shop_product"."id" FROM "shop_product" WHERE "shop_product"."category_id" IN (SELECT U0."id" FROM "shop_category" U0 WHERE U0."slug" = ?)
=> r shop_product.id, r shop_product.category_id, r shop_category.id, r shop_category.slug

SELECT "shop_product"."name", COUNT("shop_review"."id") AS "num_reviews" FROM "shop_product" LEFT OUTER JOIN "shop_review" ON ("shop_product"."id" = "shop_review"."product_id") GROUP BY "shop_product"."id" HAVING COUNT("shop_review"."id") > ? ORDER BY "num_reviews" DESC
=> r shop_product.name, r shop_product.id, r shop_review.id, r shop_review.product_id

UPDATE "shop_product" SET "rating" = ("shop_product"."rating" + ?) WHERE "shop_product"."id" = ?
=> w shop_product.rating, r shop_product.rating, r shop_product.id

SELECT "shop_review"."stars", COUNT("shop_review"."id") AS "n" FROM "shop_review" GROUP BY "shop_review"."stars" ORDER BY "shop_review"."stars" ASC
=> r shop_review.stars, r shop_review.id

SELECT "shop_product"."id" FROM "shop_product" WHERE "shop_product"."created" BETWEEN ?::date AND ?::date
=> r shop_product.id, r shop_product.created

SELECT "shop_product"."slug" FROM "shop_product" ORDER BY "shop_product"."created" DESC NULLS LAST LIMIT 5
=> r shop_product.slug, r shop_product.created

INSERT INTO "shop_review" ("product_id", "author_id", "stars", "text", "created") VALUES (?, ?, ?, ?, ?) RETURNING "shop_review"."id"
=> w shop_review.product_id, w shop_review.author_id, w shop_review.stars, w shop_review.text, w shop_review.created, r shop_review.id

DELETE FROM "shop_review" WHERE "shop_review"."author_id" = ?
=> r shop_review.author_id

SELECT "shop_product"."id", "shop_product"."name" FROM "shop_product" WHERE NOT ("shop_product"."id" IN (SELECT V0."product_id" FROM "shop_review" V0))
=> r shop_product.id, r shop_product.name, r shop_review.product_id

SELECT "shop_product"."id", CASE WHEN "shop_product"."rating" >= ? THEN ? ELSE ? END AS "band" FROM "shop_product"
=> r shop_product.id, r shop_product.rating

SELECT MAX("shop_product"."price") AS "price__max", MIN("shop_product"."price") AS "price__min" FROM "shop_product"
=> r shop_product.price

SELECT "shop_category"."name", "shop_category"."slug" FROM "shop_category" WHERE "shop_category"."id" = ?
=> r shop_category.name, r shop_category.slug, r shop_category.id

UPDATE "shop_category" SET "slug" = LOWER("shop_category"."name") WHERE "shop_category"."slug" IS NULL
=> w shop_category.slug, r shop_category.name, r shop_category.slug
