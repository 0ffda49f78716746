package dev.luayield.demo.world;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Items.
 */
public interface ItemRepository extends JpaRepository<Item, Long> {

}
