@dialect postgres
# Hibernate 6 generated SQL: aliases like p1_0, no spaces after commas, lower-case keywords.

select p1_0.id,p1_0.active,p1_0.category_id,p1_0.created_at,p1_0.name,p1_0.price from product p1_0 where p1_0.id=?
=> r product.id, r product.active, r product.category_id, r product.created_at, r product.name, r product.price

select p1_0.id,p1_0.name from product p1_0 where p1_0.sku=? and p1_0.active
=> r product.id, r product.name, r product.sku, r product.active

select p1_0.id,c1_0.id,c1_0.name,c1_0.parent_id,p1_0.name from product p1_0 left join category c1_0 on c1_0.id=p1_0.category_id where p1_0.id=?
=> r product.id, r product.name, r product.category_id, r category.id, r category.name, r category.parent_id

select o1_0.id,o1_0.created_at,o1_0.customer_id,o1_0.status,o1_0.total from orders o1_0 where o1_0.customer_id=? order by o1_0.created_at desc
=> r orders.id, r orders.created_at, r orders.customer_id, r orders.status, r orders.total

select o1_0.id,i1_0.order_id,i1_0.id,i1_0.product_id,i1_0.qty,i1_0.unit_price from orders o1_0 join order_item i1_0 on o1_0.id=i1_0.order_id where o1_0.id=?
=> r orders.id, r order_item.order_id, r order_item.id, r order_item.product_id, r order_item.qty, r order_item.unit_price

insert into product (active,category_id,created_at,description,name,price,rating,sku) values (?,?,?,?,?,?,?,?)
=> w product.active, w product.category_id, w product.created_at, w product.description, w product.name, w product.price, w product.rating, w product.sku

insert into orders (created_at,customer_id,status,total,id) values (?,?,?,?,?)
=> w orders.created_at, w orders.customer_id, w orders.status, w orders.total, w orders.id

update product set active=?,category_id=?,description=?,name=?,price=?,rating=? where id=?
=> w product.active, w product.category_id, w product.description, w product.name, w product.price, w product.rating, r product.id

update orders set status=? where id=? and status=?
=> w orders.status, r orders.id, r orders.status

delete from order_item where id=?
=> r order_item.id

delete from order_item where order_id=?
=> r order_item.order_id

select count(p1_0.id) from product p1_0 where p1_0.category_id=?
=> r product.id, r product.category_id

select count(*) from orders o1_0 where o1_0.status in (?,?,?)
=> r orders.status

select p1_0.id,p1_0.name,p1_0.price from product p1_0 order by p1_0.price desc offset ? rows fetch first ? rows only
=> r product.id, r product.name, r product.price

select nextval('product_seq')
=> none

select r1_0.id,r1_0.body,r1_0.created_at,r1_0.customer_id,r1_0.product_id,r1_0.score from review r1_0 where r1_0.product_id=? and r1_0.score>=?
=> r review.id, r review.body, r review.created_at, r review.customer_id, r review.product_id, r review.score

select avg(r1_0.score) from review r1_0 where r1_0.product_id=?
=> r review.score, r review.product_id

select p1_0.id,p1_0.name from product p1_0 where exists(select 1 from review r1_0 where r1_0.product_id=p1_0.id and r1_0.score=5)
=> r product.id, r product.name, r review.product_id, r review.score

select p1_0.id,p1_0.name from product p1_0 where p1_0.id in (select i1_0.product_id from order_item i1_0 join orders o1_0 on o1_0.id=i1_0.order_id where o1_0.customer_id=?)
=> r product.id, r product.name, r order_item.product_id, r order_item.order_id, r orders.id, r orders.customer_id

select c1_0.id,c1_0.email,c1_0.full_name from customer c1_0 where lower(c1_0.email)=lower(?)
=> r customer.id, r customer.email, r customer.full_name

select c1_0.country,count(c1_0.id) from customer c1_0 group by c1_0.country having count(c1_0.id)>? order by 2 desc
=> r customer.country, r customer.id

select o1_0.id from orders o1_0 where o1_0.created_at between ? and ? and o1_0.shipped_at is null
=> r orders.id, r orders.created_at, r orders.shipped_at

select p1_0.id,p1_0.name,case when p1_0.rating>=4 then 'good' else 'other' end from product p1_0
=> r product.id, r product.name, r product.rating

select p1_0.id,coalesce(p1_0.description,p1_0.name) from product p1_0 where p1_0.id=?
=> r product.id, r product.description, r product.name

select i1_0.product_id,w1_0.name,i1_0.qty from inventory i1_0 join warehouse w1_0 on w1_0.id=i1_0.warehouse_id where i1_0.product_id=?
=> r inventory.product_id, r inventory.qty, r inventory.warehouse_id, r warehouse.name, r warehouse.id

update inventory set qty=qty-? where product_id=? and warehouse_id=? and qty>=?
=> w inventory.qty, r inventory.qty, r inventory.product_id, r inventory.warehouse_id

insert into inventory (qty,updated_at,product_id,warehouse_id) values (?,?,?,?)
=> w inventory.qty, w inventory.updated_at, w inventory.product_id, w inventory.warehouse_id

select p1_0.id,p1_0.name,t1_0.id,t1_0.name from product p1_0 left join (product_tag t1_1 join tag t1_0 on t1_0.id=t1_1.tag_id) on p1_0.id=t1_1.product_id where p1_0.id=?
=> r product.id, r product.name, r product_tag.tag_id, r product_tag.product_id, r tag.id, r tag.name

insert into product_tag (product_id,tag_id) values (?,?)
=> w product_tag.product_id, w product_tag.tag_id

delete from product_tag where product_id=?
=> r product_tag.product_id

select m1_0.id,m1_0.joined_at,m1_0.member_id,m1_0.name from member m1_0 where m1_0.member_id=?
=> r member.id, r member.joined_at, r member.member_id, r member.name

update payment set member_uuid=? where member_id=?
=> w payment.member_uuid, r payment.member_id

select p1_0.id,p1_0.amount,p1_0.member_id,p1_0.order_id,p1_0.paid_at from payment p1_0 where p1_0.order_id=?
=> r payment.id, r payment.amount, r payment.member_id, r payment.order_id, r payment.paid_at

select u1_0.id,u1_0.email,u1_0.full_name,u1_0.username from auth_user u1_0 where u1_0.username=?
=> r auth_user.id, r auth_user.email, r auth_user.full_name, r auth_user.username

update auth_user set last_login=? where id=?
=> w auth_user.last_login, r auth_user.id

insert into audit_log (action,at,entity,entity_id) values (?,?,?,?)
=> w audit_log.action, w audit_log.at, w audit_log.entity, w audit_log.entity_id

select a1_0.id,a1_0.action,a1_0.at from audit_log a1_0 where a1_0.entity=? and a1_0.entity_id=? order by a1_0.at
=> r audit_log.id, r audit_log.action, r audit_log.at, r audit_log.entity, r audit_log.entity_id

select o1_0.status,sum(o1_0.total) from orders o1_0 where o1_0.created_at>=? group by o1_0.status
=> r orders.status, r orders.total, r orders.created_at

select p1_0.id from product p1_0 where p1_0.name like ? escape '\' and p1_0.price<=?
=> r product.id, r product.name, r product.price

select c1_0.id,c1_0.name from category c1_0 where c1_0.parent_id is null order by c1_0.name
=> r category.id, r category.name, r category.parent_id

select distinct p1_0.category_id from product p1_0 where p1_0.active=true
=> r product.category_id, r product.active

select p1_0.id from product p1_0 where p1_0.id=? for update
=> r product.id

select p1_0.id,p1_0.price from product p1_0 where p1_0.id in (?,?,?,?,?)
=> r product.id, r product.price

delete from review r1_0 where r1_0.customer_id=?
=> r review.customer_id

select o1_0.id,o1_0.total from orders o1_0 where o1_0.total>(select avg(o2_0.total) from orders o2_0)
=> r orders.id, r orders.total

select b1_0.id,b1_0.amount,b1_0.issued_at from billing.invoice b1_0 where b1_0.order_id=?
=> r billing.invoice.id, r billing.invoice.amount, r billing.invoice.issued_at, r billing.invoice.order_id
