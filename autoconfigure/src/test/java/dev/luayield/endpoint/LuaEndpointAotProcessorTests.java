package dev.luayield.endpoint;

import java.util.List;
import java.util.Optional;

import dev.luayield.annotation.LuaEndpoint;
import dev.luayield.annotation.LuaIgnore;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LuaEndpointAotProcessor}, run as the build runs it: a context
 * processed ahead of time by {@link ApplicationContextAotGenerator}, which finds the
 * processor in {@code META-INF/spring/aot.factories}.
 */
class LuaEndpointAotProcessorTests {

	@Test
	void whenABeanIsAnEndpointThenEachExposedMethodMayBeInvoked() throws NoSuchMethodException {
		RuntimeHints hints = processAheadOfTime();
		assertThat(RuntimeHintsPredicates.reflection().onType(ShopEndpoint.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ShopEndpoint.class.getMethod("offer", String.class))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ShopEndpoint.class.getMethod("buy", Order.class))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ShopEndpoint.class.getMethod("offers", List.class))).accepts(hints);
	}

	@Test
	void whenAMethodIsHiddenFromLuaThenItGetsNoInvocationHint() throws NoSuchMethodException {
		RuntimeHints hints = processAheadOfTime();
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ShopEndpoint.class.getMethod("restock", int.class))).rejects(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ShopEndpoint.class.getMethod("open")))
			.rejects(hints);
	}

	@Test
	void whenAnEndpointImplementsAnInterfaceThenTheInterfaceMethodMayBeInvoked() throws NoSuchMethodException {
		// Through a JDK proxy, the method handle is made from the interface's method.
		RuntimeHints hints = processAheadOfTime();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Till.class.getMethod("total")))
			.accepts(hints);
	}

	@Test
	void whenAMethodTakesOrReturnsARecordThenItsComponentsAndConstructorAreRegistered() throws NoSuchMethodException {
		RuntimeHints hints = processAheadOfTime();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Offer.class.getMethod("price")))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(Offer.class.getDeclaredConstructor(String.class, int.class))).accepts(hints);
		// Inside a collection or an Optional too.
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Receipt.class.getMethod("total")))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Line.class.getMethod("item"))).accepts(hints);
	}

	@Test
	void whenAMethodTakesAJavaBeanThenItsPropertiesAndConstructorAreRegistered() throws NoSuchMethodException {
		RuntimeHints hints = processAheadOfTime();
		assertThat(
				RuntimeHintsPredicates.reflection().onMethodInvocation(Order.class.getMethod("setItem", String.class)))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Order.class.getMethod("getItem")))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(Order.class.getConstructor()))
			.accepts(hints);
	}

	@Test
	void whenABeanIsNoEndpointThenItsMethodsGetNoHint() throws NoSuchMethodException {
		RuntimeHints hints = processAheadOfTime();
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(Warehouse.class.getMethod("stock", String.class))).rejects(hints);
	}

	private static RuntimeHints processAheadOfTime() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean("shop", ShopEndpoint.class);
		context.registerBean("warehouse", Warehouse.class);
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "TestTarget")), new InMemoryGeneratedFiles());
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		return generationContext.getRuntimeHints();
	}

	public interface Till {

		int total();

	}

	@LuaEndpoint("shop")
	public static class ShopEndpoint implements Till {

		public Offer offer(String item) {
			return new Offer(item, 3);
		}

		public void buy(Order order) {
		}

		public Optional<Receipt> offers(List<String> items) {
			return Optional.empty();
		}

		@Override
		public int total() {
			return 0;
		}

		@LuaIgnore
		public void restock(int amount) {
		}

		public static void open() {
		}

	}

	public static class Warehouse {

		public int stock(String item) {
			return 0;
		}

	}

	public record Offer(String item, int price) {
	}

	public record Receipt(List<Line> lines, int total) {
	}

	public record Line(String item, int price) {
	}

	public static class Order {

		private String item;

		public String getItem() {
			return this.item;
		}

		public void setItem(String item) {
			this.item = item;
		}

	}

}
