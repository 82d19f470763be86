package dev.driftguard.sample;

import dev.driftguard.sample.catalog1.CatalogRelease1;
import dev.driftguard.sample.catalog2.CatalogRelease2;
import dev.driftguard.sample.members1.MembersRelease1;
import dev.driftguard.sample.members2.MembersRelease2;
import dev.driftguard.sample.members3.MembersRelease3;
import dev.driftguard.sample.shop1.ShopRelease1;
import dev.driftguard.sample.shop2.ShopRelease2;
import java.util.List;

/**
 * The releases of the three sample applications. A real team ships each as its own build; here one jar holds them
 * all and {@code serve --release NAME} picks the code and the migrations that release would ship.
 */
enum Release {
    SHOP_1("shop", "1.0.0", ShopRelease1.class, "reads and writes product.rating", "db/shop/common"),
    SHOP_2("shop", "2.0.0", ShopRelease2.class, "no longer maps product.rating", "db/shop/common"),
    SHOP_3("shop", "3.0.0", ShopRelease2.class, "ships the migration that drops product.rating",
            "db/shop/common", "db/shop/release3"),

    MEMBERS_1("members", "1.0.0", MembersRelease1.class, "reads and writes auth_user.full_name", "db/members/common"),
    MEMBERS_HASTY("members", "1.1.0", MembersRelease3.class, "renames full_name to fullname in one step",
            "db/members/common", "db/members/rename"),
    MEMBERS_2("members", "2.0.0", MembersRelease2.class, "adds fullname, backfills it, writes both, reads full_name",
            "db/members/common", "db/members/add_fullname"),
    MEMBERS_3("members", "3.0.0", MembersRelease3.class, "reads and writes only fullname",
            "db/members/common", "db/members/add_fullname"),
    MEMBERS_4("members", "4.0.0", MembersRelease3.class, "ships the migration that drops full_name",
            "db/members/common", "db/members/add_fullname", "db/members/drop_full_name"),

    CATALOG_1("catalog", "1.0.0", CatalogRelease1.class, "lists and adds items; its monthly clearance export reads"
            + " item.discount", "db/catalog/common"),
    CATALOG_2("catalog", "2.0.0", CatalogRelease2.class, "drops the clearance export and ships the migration that"
            + " drops item.discount", "db/catalog/common", "db/catalog/drop_discount");

    final String app;
    final String version;
    /** The Spring configuration holding this release's entities, repository and REST endpoint. */
    final Class<?> code;
    final String change;
    final List<String> migrations;

    Release(String app, String version, Class<?> code, String change, String... migrations) {
        this.app = app;
        this.version = version;
        this.code = code;
        this.change = change;
        this.migrations = List.of(migrations);
    }

    /** {@code shop 1.0.0}. */
    String label() {
        return app + " " + version;
    }

    /** The release named on the command line: {@code shop-1}, {@code members-hasty}. */
    static Release named(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /** The name {@link #named} accepts. */
    String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
