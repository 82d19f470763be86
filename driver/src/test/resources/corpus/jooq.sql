@dialect postgres
# jOOQ renders fully qualified, quoted names.

select "public"."product"."id", "public"."product"."name" from "public"."product" where "public"."product"."id" = ?
=> r product.id, r product.name

select "public"."product"."id", "public"."product"."name", "public"."category"."name" from "public"."product" join "public"."category" on "public"."category"."id" = "public"."product"."category_id"
=> r product.id, r product.name, r product.category_id, r category.name, r category.id

insert into "public"."orders" ("customer_id", "status", "total") values (?, ?, ?) returning "public"."orders"."id"
=> w orders.customer_id, w orders.status, w orders.total, r orders.id

update "public"."orders" set "status" = ? where "public"."orders"."id" = ?
=> w orders.status, r orders.id

delete from "public"."review" where "public"."review"."score" < ?
=> r review.score

select count(*) from "public"."orders" where "public"."orders"."status" = ?
=> r orders.status

select "alias_1"."name", "alias_1"."total" from (select "public"."customer"."full_name" as "name", sum("public"."orders"."total") as "total" from "public"."customer" join "public"."orders" on "public"."orders"."customer_id" = "public"."customer"."id" group by "public"."customer"."full_name") as "alias_1" order by "alias_1"."total" desc
=> r customer.full_name, r customer.id, r orders.total, r orders.customer_id

select "p"."id", "p"."sku" from "public"."product" as "p" where "p"."price" between ? and ?
=> r product.id, r product.sku, r product.price

insert into "public"."product_tag" ("product_id", "tag_id") select ?, "public"."tag"."id" from "public"."tag" where "public"."tag"."name" = ?
=> w product_tag.product_id, w product_tag.tag_id, r tag.id, r tag.name

insert into "public"."inventory" ("product_id", "warehouse_id", "qty") values (?, ?, ?) on conflict ("product_id", "warehouse_id") do update set "qty" = "public"."inventory"."qty" + excluded."qty"
=> w inventory.product_id, w inventory.warehouse_id, w inventory.qty, r inventory.product_id, r inventory.warehouse_id, r inventory.qty

select "public"."category"."id", count("public"."product"."id") from "public"."category" left outer join "public"."product" on "public"."product"."category_id" = "public"."category"."id" group by "public"."category"."id"
=> r category.id, r product.id, r product.category_id

select "public"."product"."id" from "public"."product" where "public"."product"."name" ilike ? limit ?
=> r product.id, r product.name

select exists (select 1 as "one" from "public"."auth_user" where "public"."auth_user"."email" = ?)
=> r auth_user.email

update "public"."product" set "price" = ("public"."product"."price" * ?) where "public"."product"."category_id" in (?, ?)
=> w product.price, r product.price, r product.category_id

select "public"."order_item"."order_id", sum(("public"."order_item"."qty" * "public"."order_item"."unit_price")) from "public"."order_item" group by "public"."order_item"."order_id"
=> r order_item.order_id, r order_item.qty, r order_item.unit_price

with "recent" as (select "public"."orders"."id", "public"."orders"."customer_id" from "public"."orders" where "public"."orders"."created_at" > ?) select "recent"."customer_id", count(*) from "recent" group by "recent"."customer_id"
=> r orders.id, r orders.customer_id, r orders.created_at

select "public"."warehouse"."name" from "public"."warehouse" where "public"."warehouse"."city" = any (?)
=> r warehouse.name, r warehouse.city

delete from "public"."product_tag" where ("public"."product_tag"."product_id", "public"."product_tag"."tag_id") in ((?, ?), (?, ?))
=> r product_tag.product_id, r product_tag.tag_id

select "billing"."invoice"."amount" from "billing"."invoice" where "billing"."invoice"."issued_at" >= ?
=> r billing.invoice.amount, r billing.invoice.issued_at

select "public"."member"."member_uuid", "public"."member"."name" from "public"."member" order by "public"."member"."joined_at" desc nulls last
=> r member.member_uuid, r member.name, r member.joined_at

merge into "public"."product" using (select ? as "sku", ? as "price") as "src" on "public"."product"."sku" = "src"."sku" when matched then update set "price" = "src"."price" when not matched then insert ("sku", "price") values ("src"."sku", "src"."price")
=> r product.sku, w product.price, w product.sku

select "public"."review"."product_id", avg("public"."review"."score") over (partition by "public"."review"."product_id") from "public"."review"
=> r review.product_id, r review.score

select "public"."customer"."id" from "public"."customer" where lower("public"."customer"."email") = lower(?) fetch next 1 rows only
=> r customer.id, r customer.email

select "public"."product"."attributes"->>'color' from "public"."product" where "public"."product"."id" = ?
=> r product.attributes, r product.id

select "public"."tag"."name" from "public"."tag" union select "public"."category"."name" from "public"."category"
=> r tag.name, r category.name
