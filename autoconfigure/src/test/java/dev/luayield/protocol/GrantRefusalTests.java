package dev.luayield.protocol;

import java.util.List;
import java.util.Map;

import dev.luayield.conversion.ValueReaders;
import dev.luayield.conversion.ValueWriter;
import dev.luayield.endpoint.DispatchTable;
import dev.luayield.endpoint.EndpointBean;
import dev.luayield.engine.LuaVm;
import dev.luayield.sandbox.Grant;
import dev.luayield.sandbox.LuaVmSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.ApplicationConversionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resume loop refuses a request for a method outside the invocation's grant, however
 * the script came by its id: here a state whose proxies were made from other ids than the
 * dispatch table's, so that a granted proxy sends the id of a method the grant leaves
 * out.
 */
class GrantRefusalTests {

	private final Admin admin = new Admin();

	private final ApplicationConversionService conversionService = new ApplicationConversionService();

	private final DispatchTable table = DispatchTable.build(List
		.of(new EndpointBean("reader", new Reader(), Reader.class), new EndpointBean("admin", this.admin, Admin.class)),
			new ValueReaders(this.conversionService));

	@Test
	void whenARequestCarriesTheIdOfAMethodOutsideTheGrantThenItIsRefusedAndNotCalled() {
		int wipe = this.table.idsByEndpoint().get("admin").get("wipe");
		int read = this.table.idsByEndpoint().get("reader").get("read");
		Grant grant = Grant.resolve(0, this.table.idsByEndpoint(), List.of("reader"), List.of(), "test");
		assertThat(grant.allows(read)).isTrue();
		assertThat(grant.allows(wipe)).isFalse();
		// The granted proxy 'reader' offers a method with admin.wipe's id.
		Map<String, Map<String, Integer>> forged = Map.of("reader", Map.of("read", read, "wipe", wipe), "admin",
				Map.of("wipe", wipe));
		ValueWriter writer = new ValueWriter(this.conversionService);
		try (LuaVm vm = new LuaVm(forged, LuaVmSettings.defaults())) {
			int chunk = vm.evalAs("local text = reader:read()\nreturn reader:wipe()", "=eval");
			// No calls left after the first: the refusal comes before the count.
			Invocation invocation = new Invocation("eval", "eval", vm, chunk, new Object[0], 1, 0, null, grant);
			Outcome outcome = new ResumeLoop(writer, (name) -> "").run(invocation,
					new EndpointDispatcher(this.table, writer, null));
			assertThat(outcome).isInstanceOf(Outcome.ScriptError.class);
			assertThat(outcome.message())
				.isEqualTo("eval:2: admin.wipe: not granted to this invocation (granted: reader)");
		}
		assertThat(this.admin.wiped).isZero();
	}

	@Test
	void whenTheSameRequestComesWithoutAGrantThenItIsServed() {
		int wipe = this.table.idsByEndpoint().get("admin").get("wipe");
		Map<String, Map<String, Integer>> forged = Map.of("reader", Map.of("wipe", wipe));
		ValueWriter writer = new ValueWriter(this.conversionService);
		try (LuaVm vm = new LuaVm(forged, LuaVmSettings.defaults())) {
			int chunk = vm.evalAs("return reader:wipe()", "=eval");
			Invocation invocation = new Invocation("eval", "eval", vm, chunk, new Object[0], 1, 0, null, null);
			Outcome outcome = new ResumeLoop(writer, (name) -> "").run(invocation,
					new EndpointDispatcher(this.table, writer, null));
			assertThat(outcome).isSameAs(Outcome.COMPLETED);
		}
		assertThat(this.admin.wiped).isOne();
	}

	public static class Reader {

		public String read() {
			return "text";
		}

	}

	public static class Admin {

		int wiped;

		public int wipe() {
			return ++this.wiped;
		}

	}

}
