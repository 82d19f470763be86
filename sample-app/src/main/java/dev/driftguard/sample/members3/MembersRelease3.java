package dev.driftguard.sample.members3;

import dev.driftguard.sample.ReleaseApi;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Members release 3 on: the name lives in {@code auth_user.fullname} only. */
@Configuration
@EntityScan(basePackageClasses = MembersRelease3.class)
@EnableJpaRepositories(basePackageClasses = MembersRelease3.class, considerNestedRepositories = true)
@Import(MembersRelease3.Api.class)
public class MembersRelease3 {

    /** A member; its name in {@code fullname}. */
    @Entity(name = "Member")
    @Table(name = "auth_user")
    public static class Member {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String username;
        @Column(name = "fullname")
        public String name;
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
