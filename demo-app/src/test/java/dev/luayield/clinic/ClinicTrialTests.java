package dev.luayield.clinic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaScriptNotFoundException;
import dev.luayield.LuaScriptRunner;
import dev.luayield.demo.web.LuaProblemHandlerAccess;
import dev.luayield.endpoint.LuaEndpointRegistry;
import dev.luayield.tooling.LuaLsDefinitions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.ConversionService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 12's petclinic trial, repeated: each mistake a new user of the starter makes
 * once, in an application shaped like petclinic, with the outcome the issue asks for.
 */
@SpringBootTest(classes = ClinicApplication.class, properties = "spring.config.name=clinic")
class ClinicTrialTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	LuaScriptRunner lua;

	@Autowired
	ClinicService service;

	@Autowired
	OwnerRepository owners;

	@Autowired
	PetRepository pets;

	@Autowired
	LuaEndpointRegistry registry;

	@Autowired
	ConversionServiceUser conversionServiceUser;

	private MockMvc mvc;

	private long leo;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) this.context).build();
		Owner owner = this.owners.save(new Owner("George", "Franklin"));
		this.leo = this.pets.save(new Pet("Leo", LocalDate.of(2020, 9, 7), owner)).getId();
	}

	@Test
	void whenABeanInjectsConversionServiceByTypeWithMvcPresentThenTheAppStartsAndItGetsMvcs() {
		ConversionService injected = this.conversionServiceUser.conversionService();
		assertThat(injected).isSameAs(this.context.getBean("mvcConversionService"))
			.isNotSameAs(this.context.getBean("luaConversionService"));
	}

	@Test
	void whenAPetIdHasAFractionThenArgumentError() {
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.lua.eval("return clinic:pet(7.9)"))
			.withMessageContaining("clinic.pet: arg 1 expected integer (Pet id), got number");
	}

	@Test
	void whenAPetIdIsNilThenArgumentErrorNamingThePetId() {
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.lua.eval("return clinic:pet(nil)"))
			.withMessageContaining("clinic.pet: arg 1 expected integer (Pet id), got nil");
	}

	@Test
	void whenAnOptionalPetIsGivenNilThenItIsEmpty() {
		assertThat(this.lua.eval("return clinic:pet_or_nobody(nil)")).isEqualTo("nobody");
		assertThat(this.lua.eval("return clinic:pet_or_nobody()")).isEqualTo("nobody");
		assertThat(this.lua.eval("return clinic:pet_or_nobody(...)", this.leo)).isEqualTo("Leo");
	}

	@Test
	void whenDatesCrossUnderANonIsoLocaleThenTheyAreIso() {
		Locale original = Locale.getDefault();
		Locale.setDefault(Locale.forLanguageTag("th-TH-u-ca-buddhist-nu-thai"));
		try {
			assertThat(this.lua.eval("return clinic:day_after('2026-12-02')")).isEqualTo("2026-12-03");
			assertThat(this.lua.run("visits/book", this.leo, "2026-12-03"))
				.isEqualTo(Map.of("count", 1L, "next", "2026-12-04", "born", "2020-09-07"));
		}
		finally {
			Locale.setDefault(original);
		}
	}

	@Test
	void whenBigNumbersAreReturnedThenExactOrTheNearestDouble() {
		assertThat(this.lua.eval("return clinic:decimal('2.5')")).isEqualTo(2.5);
		assertThat(this.lua.eval("return clinic:decimal('0.10')")).isEqualTo(0.1);
		assertThat(this.lua.eval("return clinic:decimal('12')")).isEqualTo(12L);
		assertThat(this.lua.eval("return clinic:two_to_the(53, 0)")).isEqualTo(9007199254740992L);
		assertThat(this.lua.eval("return clinic:two_to_the(70, 5) == 2^70")).isEqualTo(true);
		assertThat(this.lua.eval("return clinic:two_to_the(64, 0) == 2^64")).isEqualTo(true);
		assertThat(this.lua.eval("return clinic:two_to_the(3, -10)")).isEqualTo(-2L);
	}

	@Test
	void whenAFloatIsGivenAFiniteNumberBeyondItsRangeThenRefused() {
		assertThat(this.lua.eval("return clinic:dose(2.5)")).isEqualTo(2.5);
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.lua.eval("return clinic:dose(1e300)"))
			.withMessageContaining("clinic.dose: arg 1 expected number in the float range");
	}

	@Test
	void whenAStringArgumentIsNotValidUtf8ThenRefusedWithAClearMessage() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.lua.eval("return clinic:find_owners('Fr\\255')"))
			.withMessageContaining("clinic.find_owners: arg 1: not valid UTF-8");
	}

	@Test
	void whenTheServiceRunsAMissingScriptThenItsOwnWriteCommitsAndTheErrorMapsTo404() {
		List<RuntimeException> failures = new ArrayList<>();
		long id = this.service.registerThenRun("Missing", (lua) -> lua.run("no/such_script"), failures::add);
		assertThat(failures).singleElement().isInstanceOf(LuaScriptNotFoundException.class);
		assertThat(new LuaProblemHandlerAccess().notFound((LuaScriptNotFoundException) failures.get(0)).getStatus())
			.isEqualTo(404);
		assertThat(this.owners.findById(id)).isPresent();
	}

	@Test
	void whenTheServiceRunsAScriptWithASyntaxErrorThenItsOwnWriteCommits() {
		List<RuntimeException> failures = new ArrayList<>();
		long id = this.service.registerThenRun("Syntax", (lua) -> lua.run("broken", this.leo), failures::add);
		assertThat(failures).singleElement()
			.isInstanceOf(LuaScriptException.class)
			.satisfies((ex) -> assertThat(ex.getMessage())
				.contains("broken.lua:4: ')' expected (to close '(' at line 3)"));
		assertThat(this.owners.findById(id)).isPresent();
	}

	@Test
	void whenTheServiceRunsAnInvalidScriptNameThenItsOwnWriteCommits() {
		List<RuntimeException> failures = new ArrayList<>();
		long id = this.service.registerThenRun("Invalid", (lua) -> lua.run("../clinic"), failures::add);
		assertThat(failures).singleElement()
			.isInstanceOf(LuaScriptException.class)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("invalid script name '../clinic'"));
		assertThat(this.owners.findById(id)).isPresent();
	}

	@Test
	void whenAScriptFailsAfterJoiningTheServicesTransactionThenTheCallerSeesRollbackOnly() {
		List<RuntimeException> failures = new ArrayList<>();
		assertThatExceptionOfType(UnexpectedRollbackException.class).isThrownBy(() -> this.service
			.registerThenRun("Joined", (lua) -> lua.run("register_then_fail", "Joined"), failures::add));
		assertThat(failures).singleElement().isInstanceOfSatisfying(LuaScriptException.class, (ex) -> {
			assertThat(ex.isCallerRollbackOnly()).isTrue();
			assertThat(ex.getMessage()).contains("the script changed its mind")
				.contains("the caller's transaction was marked rollback-only: it cannot commit");
		});
		assertThat(this.owners.findByLastNameStartingWithOrderById("Joined")).isEmpty();
	}

	@Test
	void whenAFailingScriptRunsInANewTransactionThenTheCallersOwnWriteCommits() {
		List<RuntimeException> failures = new ArrayList<>();
		LuaOptions ownTransaction = LuaOptions.defaults()
			.withPropagation(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		long id = this.service.registerThenRun("Separate",
				(lua) -> lua.with(ownTransaction).run("register_then_fail", "SeparateScript"), failures::add);
		assertThat(failures).singleElement()
			.isInstanceOfSatisfying(LuaScriptException.class, (ex) -> assertThat(ex.isCallerRollbackOnly()).isFalse());
		assertThat(this.owners.findById(id)).isPresent();
		assertThat(this.owners.findByLastNameStartingWithOrderById("SeparateScript")).isEmpty();
	}

	@Test
	void whenAReadOnlyInvocationWritesInItsOwnTransactionThenNothingCommits() {
		LuaScriptRunner readOnly = this.lua.with(LuaOptions.readOnly());
		assertThat(readOnly.run("rename", this.leo, "Rex")).isEqualTo("Rex");
		assertThat(this.pets.findById(this.leo)).get().extracting(Pet::getName).isEqualTo("Leo");
		Object id = readOnly.run("register", "Read", "Only");
		assertThat(id).isInstanceOf(Long.class);
		assertThat(this.owners.findById((Long) id)).isEmpty();
	}

	@Test
	void whenAReadOnlyInvocationIsCalledInsideTheServicesReadWriteTransactionThenItFailsAtOnce() {
		List<RuntimeException> failures = new ArrayList<>();
		long id = this.service.registerThenRun("ReadOnlyCaller",
				(lua) -> lua.with(LuaOptions.readOnly()).run("rename", this.leo, "Rex"), failures::add);
		assertThat(failures).singleElement()
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("read-only")
				.contains("LuaOptions.readOnly().withPropagation(TransactionDefinition.PROPAGATION_REQUIRES_NEW)"));
		assertThat(this.owners.findById(id)).isPresent();
		assertThat(this.pets.findById(this.leo)).get().extracting(Pet::getName).isEqualTo("Leo");
	}

	@Test
	void whenAnUnknownMethodIsCalledThenTheClosestNameIsSuggested() {
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.lua.eval("return clinic:findOwner('Franklin')"))
			.withMessageContaining("clinic.findOwner: no such method; did you mean find_owners?");
		assertThatExceptionOfType(LuaScriptException.class)
			.isThrownBy(() -> this.lua.eval("return clinic:find_owner('Franklin')"))
			.withMessageContaining("clinic.find_owner: no such method; did you mean find_owners?");
	}

	@Test
	void whenAScriptTailCallsAnEndpointWithABadArgumentThenTheErrorNamesTheScriptsLine() {
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> this.lua.run("tail"))
			.withMessageContaining("tail.lua:4: clinic.pet: arg 1")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(4));
	}

	@Test
	void whenActuatorLuaIsReadThenMethodsAreGroupedByEndpoint() throws Exception {
		this.mvc.perform(get("/actuator/lua"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.endpoints.clinic.bean").value("clinicEndpoint"))
			.andExpect(jsonPath("$.endpoints.clinic.type").value(ClinicEndpoint.class.getName()))
			.andExpect(jsonPath("$.endpoints.clinic.methods[?(@.lua == 'find_owners')].java")
				.value(ClinicEndpoint.class.getName() + ".findOwners"))
			.andExpect(
					jsonPath("$.endpoints.clinic.methods[?(@.lua == 'pet')].parameters[0]").value(Pet.class.getName()));
	}

	@Test
	void whenDefinitionsAreGeneratedThenAnEntityParameterIsAnInteger() throws Exception {
		String served = this.mvc.perform(get("/actuator/lua/definitions"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(served).contains("---@param pet integer\n").doesNotContain("integer|table");
		assertThat(new LuaLsDefinitions(this.registry.get()).generate()).isEqualTo(served);
	}

}
