package dev.luayield.runner;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import dev.luayield.LuaScriptException;
import dev.luayield.endpoint.InvalidLuaEndpointException;
import dev.luayield.tooling.LuaLsDefinitions;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Transient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.converter.Converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the forms values take across the boundary (issue 12): dates, big and edge
 * numbers, invalid UTF-8, streams and promises, entities.
 */
class ValueFormsTests {

	private final Locale defaultLocale = Locale.getDefault();

	private final Clinic clinic = new Clinic();

	private final TestRuntime runtime = new TestRuntime(conversionService(this.clinic),
			TestRuntime.endpoint("v", new Values()), TestRuntime.endpoint("clinic", this.clinic));

	@AfterEach
	void close() {
		this.runtime.close();
		Locale.setDefault(this.defaultLocale);
	}

	private Object eval(String script) {
		return this.runtime.runner.eval(script);
	}

	private void assertFails(String script, String message) {
		assertThatExceptionOfType(LuaScriptException.class).isThrownBy(() -> eval(script))
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContainPattern("@[0-9a-f]{4,}"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "en-US", "de-DE", "ar-EG", "th-TH-u-ca-buddhist" })
	void whenTimeValuesAreReturnedThenTheyArriveAsIsoStringsInAnyLocale(String locale) {
		Locale.setDefault(Locale.forLanguageTag(locale));
		assertThat(eval("return v:date()")).isEqualTo("2026-12-03");
		assertThat(eval("return v:date_time()")).isEqualTo("2026-12-03T14:05:09");
		assertThat(eval("return v:minute()")).isEqualTo("2026-12-03T14:05:00");
		assertThat(eval("return v:time()")).isEqualTo("14:05:09");
		assertThat(eval("return v:instant()")).isEqualTo("2026-12-03T13:05:09Z");
		assertThat(eval("return v:offset()")).isEqualTo("2026-12-03T14:05:09+01:00");
		assertThat(eval("return v:zoned()")).isEqualTo("2026-12-03T14:05:09+01:00[Europe/Paris]");
		assertThat(eval("return v:duration()")).isEqualTo("PT1H30M");
		assertThat(eval("return v:year()")).isEqualTo("2026");
		assertThat(eval("return v:dates()")).isEqualTo(List.of("2026-12-03", "2026-12-04"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "en-US", "fr-FR" })
	void whenIsoStringsArePassedThenTimeParametersAreParsedInAnyLocale(String locale) {
		Locale.setDefault(Locale.forLanguageTag(locale));
		assertThat(eval("return v:next_day('2026-12-03')")).isEqualTo("2026-12-04");
		assertThat(eval("return v:plus_hour('2026-12-03T14:05:09')")).isEqualTo("2026-12-03T15:05:09");
		assertThat(eval("return v:epoch('1970-01-01T00:01:00Z')")).isEqualTo(60L);
		assertThat(eval("return v:seconds('PT2M')")).isEqualTo(120L);
		assertThat(eval("return v:next_day(v:date())")).isEqualTo("2026-12-04");
	}

	@Test
	void whenTimeStringIsNotIsoThenArgumentError() {
		assertFails("return v:next_day('12/3/26')", "arg 1 expected LocalDate in ISO-8601, got \"12/3/26\"");
		assertFails("return v:next_day(20261203)", "arg 1 expected string (LocalDate in ISO-8601), got number");
	}

	@Test
	void whenBigNumbersAreReturnedThenTheyArriveExactlyOrAsTheNearestDouble() {
		assertThat(eval("return v:big(53)")).isEqualTo(9007199254740992L);
		assertThat(eval("return v:big(53) - 1")).isEqualTo(9007199254740991L);
		assertThat(eval("return v:big(70)")).isEqualTo(0x1p70);
		assertThat(eval("return v:big(70) == 2^70")).isEqualTo(true);
		assertThat(eval("return v:decimal('2.50')")).isEqualTo(2.5);
		assertThat(eval("return v:decimal('1E+3')")).isEqualTo(1000L);
		assertThat(eval("return v:decimal('-12345678901234567890.5')")).isEqualTo(-12345678901234567890.5);
	}

	@Test
	void whenBigNumbersArePassedThenTheyAreReadExactly() {
		assertThat(eval("return v:big_text(2^53)")).isEqualTo("9007199254740992");
		assertThat(eval("return v:big_text('1180591620717411303429')")).isEqualTo("1180591620717411303429");
		assertThat(eval("return v:decimal_text(0.1)")).isEqualTo("0.1");
		assertThat(eval("return v:decimal_text('0.10')")).isEqualTo("0.10");
		assertFails("return v:big_text(1.5)", "arg 1 expected integer, got number 1.5");
		assertFails("return v:decimal_text(1/0)", "arg 1 expected a finite number");
	}

	@Test
	void whenFloatIsOutOfRangeThenRefused() {
		assertFails("return v:float_of(1e300)", "arg 1 expected number in the float range");
		assertFails("return v:float_of(-1e300)", "arg 1 expected number in the float range");
		assertThat(eval("return v:float_of(0.5)")).isEqualTo(0.5);
		assertThat(eval("return v:float_of(1/0)")).isEqualTo(Double.POSITIVE_INFINITY);
	}

	@Test
	void whenIntegralParametersGetTheirRangeEdgesThenTheEdgesAreAcceptedAndBeyondRefused() {
		assertThat(eval("return v:long_of(-2^63) == -2^63")).isEqualTo(true);
		assertThat(eval("return v:long_text(-2^63)")).isEqualTo(Long.toString(Long.MIN_VALUE));
		assertThat(eval("return v:long_text(2^63 - 1024)")).isEqualTo("9223372036854774784");
		assertFails("return v:long_of(2^63)", "arg 1 expected integer");
		assertThat(eval("return v:int_of(2^31 - 1)")).isEqualTo(2147483647L);
		assertThat(eval("return v:int_of(-2^31)")).isEqualTo(-2147483648L);
		assertFails("return v:int_of(2^31)", "arg 1 expected integer in [-2147483648, 2147483647], got 2147483648");
		assertFails("return v:int_of(-2^31 - 1)", "arg 1 expected integer in [-2147483648, 2147483647]");
		assertThat(eval("return v:short_of(32767)")).isEqualTo(32767L);
		assertThat(eval("return v:short_of(-32768)")).isEqualTo(-32768L);
		assertFails("return v:short_of(32768)", "arg 1 expected integer in [-32768, 32767], got 32768");
		assertFails("return v:short_of(-32769)", "arg 1 expected integer in [-32768, 32767], got -32769");
		assertThat(eval("return v:byte_of(127)")).isEqualTo(127L);
		assertThat(eval("return v:byte_of(-128)")).isEqualTo(-128L);
		assertFails("return v:byte_of(128)", "arg 1 expected integer in [-128, 127], got 128");
		assertFails("return v:byte_of(-129)", "arg 1 expected integer in [-128, 127], got -129");
		assertFails("return v:int_of(0/0)", "arg 1 expected integer, got number NaN");
		assertFails("return v:long_of(1/0)", "arg 1 expected integer, got number Infinity");
	}

	@Test
	void whenStringIsNotValidUtf8ThenArgumentErrorAndNoBytesChange() {
		assertFails("return v:echo('\\255\\254A')", "arg 1: not valid UTF-8");
		assertFails("return v:echo('\\237\\160\\128')", "arg 1: not valid UTF-8");
		// A real U+FFFD is valid and crosses as its three bytes.
		assertThat(eval("local s = v:echo('\\239\\191\\189') return { #s, s == '\\239\\191\\189' }"))
			.isEqualTo(List.of(3L, true));
		assertThat(eval("return #v:echo('h\\195\\169 \\240\\159\\152\\128')")).isEqualTo(8L);
	}

	@Test
	void whenStreamOrIteratorIsReturnedThenItArrivesAsASequenceAndTheStreamIsClosed() {
		assertThat(eval("return v:stream()")).isEqualTo(List.of(1L, 2L, 3L));
		assertThat(Values.streamClosed).isTrue();
		assertThat(eval("return v:iterator()")).isEqualTo(List.of("a", "b"));
		assertThat(eval("return v:iterable()")).isEqualTo(List.of(1L, 2L));
		assertThat(eval("return v:optional_empty() == nil")).isEqualTo(true);
	}

	@Test
	void whenEndlessStreamIsReturnedThenTheBudgetEndsIt() {
		assertFails("return v:endless()", "conversion budget");
	}

	@Test
	void whenValueHasNoLuaFormThenClearErrorAndNoClassNameLeaks() {
		assertFails("return v:anything('future')",
				"v.anything: result: a java.util.concurrent.CompletableFuture is a" + " value still to come");
		assertFails("return v:anything('object')", "result: a java.lang.Object has no Lua form");
		assertFails("return v:anything('thread')", "result: a java.lang.Thread has no Lua form");
		assertFails("return v:anything('lambda')", "has no Lua form");
	}

	@Test
	void whenEndpointReturnsAFutureThenTheDispatchTableIsRefused() {
		assertThatExceptionOfType(InvalidLuaEndpointException.class)
			.isThrownBy(() -> new TestRuntime(2, TestRuntime.endpoint("later", new Later())))
			.withMessageContaining("Later.value()")
			.withMessageContaining("CompletableFuture is a value still to come");
	}

	@Test
	void whenEntityIdIsNotAnIntegerThenArgumentError() {
		assertThat(eval("return clinic:name(7)")).isEqualTo("Rex");
		assertFails("return clinic:name(7.9)", "clinic.name: arg 1 expected integer (Pet id), got number 7.9");
		assertFails("return clinic:name({ id = 7 })", "arg 1 expected integer (Pet id), got table");
		assertFails("return clinic:name(8)", "arg 1: no Pet with id 8");
	}

	@Test
	void whenEntityIsNilThenArgumentErrorUnlessOptionalOrNullable() {
		assertFails("return clinic:name(nil)", "clinic.name: arg 1 expected integer (Pet id), got nil");
		assertFails("return clinic:name()", "clinic.name: arg 1 expected integer (Pet id), got nil");
		assertThat(eval("return clinic:maybe(nil)")).isEqualTo("none");
		assertThat(eval("return clinic:maybe(7)")).isEqualTo("Rex");
		assertThat(eval("return clinic:nullable(nil)")).isEqualTo("none");
		assertThat(eval("return clinic:nullable(7)")).isEqualTo("Rex");
	}

	@Test
	void whenEntityHasNoWayToBeLoadedByIdThenTheDispatchTableIsRefused() {
		assertThatExceptionOfType(InvalidLuaEndpointException.class)
			.isThrownBy(() -> new TestRuntime(2, TestRuntime.endpoint("toys", new Toys())))
			.withMessageContaining("Toys.adopt(")
			.withMessageContaining("parameter 1")
			.withMessageContaining("is a JPA entity");
	}

	@Test
	void whenEntityIsReturnedThenItsMappedPropertiesArriveWithAssociationsAsIds() {
		assertThat(eval("return clinic:pet(7)"))
			.isEqualTo(Map.of("id", 7L, "name", "Rex", "born", "2020-05-01", "owner", 1L));
		assertThat(eval("return clinic:owner(1)")).isEqualTo(Map.of("id", 1L, "name", "Ann", "pets", List.of(7L, 9L)));
		assertThat(eval("local pets = clinic:pets() return { #pets, pets[1].owner, pets[2].owner }"))
			.isEqualTo(List.of(2L, 1L, 1L));
	}

	@Test
	void whenDefinitionsAreGeneratedThenEntitiesAreIntegersAndDatesStrings() {
		String definitions = new LuaLsDefinitions(this.runtime.table).generate();
		assertThat(definitions).contains("---@param pet integer\n")
			.contains("---@param pet integer?\n")
			.contains("---@param date string\n")
			.doesNotContain("integer|table");
	}

	private static ApplicationConversionService conversionService(Clinic clinic) {
		ApplicationConversionService conversionService = new ApplicationConversionService();
		conversionService.addConverter(Long.class, Pet.class, (Converter<Long, Pet>) clinic.pets::get);
		conversionService.addConverter(Long.class, Owner.class, (Converter<Long, Owner>) (id) -> clinic.ann);
		return conversionService;
	}

	public static class Values {

		static volatile boolean streamClosed;

		private static final LocalDateTime AT = LocalDateTime.of(2026, 12, 3, 14, 5, 9);

		public LocalDate date() {
			return AT.toLocalDate();
		}

		public LocalDateTime dateTime() {
			return AT;
		}

		public LocalDateTime minute() {
			return AT.withSecond(0);
		}

		public LocalTime time() {
			return AT.toLocalTime();
		}

		public Instant instant() {
			return AT.toInstant(ZoneOffset.ofHours(1));
		}

		public OffsetDateTime offset() {
			return AT.atOffset(ZoneOffset.ofHours(1));
		}

		public ZonedDateTime zoned() {
			return AT.atZone(ZoneId.of("Europe/Paris"));
		}

		public Duration duration() {
			return Duration.ofMinutes(90);
		}

		public Year year() {
			return Year.of(2026);
		}

		public List<LocalDate> dates() {
			return List.of(date(), date().plusDays(1));
		}

		public LocalDate nextDay(LocalDate date) {
			return date.plusDays(1);
		}

		public LocalDateTime plusHour(LocalDateTime time) {
			return time.plusHours(1);
		}

		public long epoch(Instant instant) {
			return instant.getEpochSecond();
		}

		public long seconds(Duration duration) {
			return duration.getSeconds();
		}

		public BigInteger big(int power) {
			return BigInteger.TWO.pow(power);
		}

		public BigDecimal decimal(String text) {
			return new BigDecimal(text);
		}

		public String bigText(BigInteger value) {
			return value.toString();
		}

		public String decimalText(BigDecimal value) {
			return value.toString();
		}

		public float floatOf(float value) {
			return value;
		}

		public long longOf(long value) {
			return value;
		}

		public String longText(long value) {
			return Long.toString(value);
		}

		public int intOf(int value) {
			return value;
		}

		public short shortOf(short value) {
			return value;
		}

		public byte byteOf(byte value) {
			return value;
		}

		public String echo(String value) {
			return value;
		}

		public Stream<Integer> stream() {
			streamClosed = false;
			return Stream.of(1, 2, 3).onClose(() -> streamClosed = true);
		}

		public Iterator<String> iterator() {
			return List.of("a", "b").iterator();
		}

		public Iterable<Integer> iterable() {
			return () -> List.of(1, 2).iterator();
		}

		public Optional<String> optionalEmpty() {
			return Optional.empty();
		}

		public Stream<String> endless() {
			return Stream.generate(() -> "x");
		}

		public Object anything(String kind) {
			return switch (kind) {
				case "future" -> CompletableFuture.completedFuture(1);
				case "thread" -> new Thread(() -> {
				});
				case "lambda" -> (Runnable) () -> {
				};
				default -> new Object();
			};
		}

	}

	public static class Later {

		public CompletableFuture<String> value() {
			return CompletableFuture.completedFuture("x");
		}

	}

	@Entity
	public static class Owner {

		@Id
		Long id = 1L;

		String name = "Ann";

		@OneToMany(mappedBy = "owner")
		List<Pet> pets = new ArrayList<>();

		public Long getId() {
			return this.id;
		}

		public String getName() {
			return this.name;
		}

		public List<Pet> getPets() {
			return this.pets;
		}

		public String getShout() {
			throw new IllegalStateException("not a mapped property, never called");
		}

	}

	@Entity
	public static class Pet {

		@Id
		Long id;

		String name;

		LocalDate born = LocalDate.of(2020, 5, 1);

		@ManyToOne
		Owner owner;

		@Transient
		String mood = "calm";

		Pet() {
		}

		Pet(long id, String name, Owner owner) {
			this.id = id;
			this.name = name;
			this.owner = owner;
			owner.pets.add(this);
		}

		public String getName() {
			return this.name;
		}

		public String getMood() {
			return this.mood;
		}

	}

	@Entity
	public static class Toy {

		@Id
		Long id;

		public Long getId() {
			return this.id;
		}

		public void setId(Long id) {
			this.id = id;
		}

	}

	public static class Toys {

		public void adopt(Toy toy) {
		}

	}

	public static class Clinic {

		final Owner ann = new Owner();

		final Map<Long, Pet> pets = new HashMap<>();

		Clinic() {
			this.pets.put(7L, new Pet(7, "Rex", this.ann));
			this.pets.put(9L, new Pet(9, "Tom", this.ann));
		}

		public String name(Pet pet) {
			return pet.getName();
		}

		public String maybe(Optional<Pet> pet) {
			return pet.map(Pet::getName).orElse("none");
		}

		public String nullable(@Nullable Pet pet) {
			return (pet != null) ? pet.getName() : "none";
		}

		public Pet pet(Pet pet) {
			return pet;
		}

		public Owner owner(Owner owner) {
			return owner;
		}

		public List<Pet> pets() {
			return List.of(this.pets.get(7L), this.pets.get(9L));
		}

		public String onDate(LocalDate date) {
			return date.toString();
		}

	}

}
