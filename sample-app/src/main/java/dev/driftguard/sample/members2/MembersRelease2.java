package dev.driftguard.sample.members2;

import dev.driftguard.sample.ReleaseApi;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Members release 2: writes the name to both columns, still reads {@code full_name}. */
@Configuration
@EntityScan(basePackageClasses = MembersRelease2.class)
@EnableJpaRepositories(basePackageClasses = MembersRelease2.class, considerNestedRepositories = true)
@Import(MembersRelease2.Api.class)
public class MembersRelease2 {

    /** A member; its name in {@code full_name} and, copied on every write, in {@code fullname}. */
    @Entity(name = "Member")
    @Table(name = "auth_user")
    public static class Member {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String username;
        @Column(name = "full_name")
        public String name;
        @Column(name = "fullname")
        public String fullname;

        @PrePersist
        @PreUpdate
        void writeBoth() {
            fullname = name;
        }
    }

    /** Members in the database. */
    public interface Members extends JpaRepository<Member, Long> {
    }

    /** {@code GET /members}, {@code POST /members}. */
    @RestController
    @RequestMapping("/members")
    public static class Api extends ReleaseApi<Member> {
        Api(Members members) {
            super(members);
        }
    }
}
