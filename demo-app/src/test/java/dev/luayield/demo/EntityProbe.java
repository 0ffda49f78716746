package dev.luayield.demo;

import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.demo.world.Creature;
import dev.luayield.demo.world.Item;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Test-only endpoint that hands scripts JPA entities as results: loaded, as a lazy
 * Hibernate proxy, and through an association.
 */
@LuaEndpoint("entities")
public class EntityProbe {

	@PersistenceContext
	private EntityManager entityManager;

	public Creature creature(Creature creature) {
		return creature;
	}

	/** A proxy that {@code getReference} returns before anything is loaded. */
	public Creature reference(long id) {
		this.entityManager.clear();
		return this.entityManager.getReference(Creature.class, id);
	}

	public Item item(long id) {
		this.entityManager.clear();
		return this.entityManager.find(Item.class, id);
	}

	public boolean isProxy(long id) {
		return this.entityManager.getReference(Creature.class, id) instanceof org.hibernate.proxy.HibernateProxy;
	}

}
