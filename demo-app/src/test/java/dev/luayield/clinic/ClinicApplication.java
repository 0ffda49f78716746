package dev.luayield.clinic;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A test-only application shaped like Spring's petclinic: owners, pets and visits on H2,
 * a {@code clinic} endpoint over them and a transactional service that calls scripts, to
 * repeat issue 12's trial of the starter. Its configuration is {@code clinic.yml} (start
 * it with {@code spring.config.name=clinic}), so nothing of the demo's
 * {@code application.yml} applies.
 */
@SpringBootApplication
public class ClinicApplication {

}
