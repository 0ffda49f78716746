package dev.luayield.demo.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaTrace;
import dev.luayield.autoconfigure.LuaProperties;
import dev.luayield.demo.game.GameService;
import dev.luayield.scripts.ScriptRepository;
import dev.luayield.scripts.jdbc.JdbcLuaScriptSource;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the web console ({@code /index.html}) talks to: the scripts to pick from, a run
 * that answers with the result, the request trace and the world after it, and saving a
 * script into the script table, where every instance of the demo picks it up. Anyone who
 * opens the page can run what they type, so everything the console runs, typed or by
 * name, runs with the grant {@code lua.permissions.console} configures for the scripts it
 * saves: they may read the world, fight and roll dice, but not create creatures or items,
 * nor touch the counters the game keeps.
 */
@RestController
@RequestMapping("/api/console")
public class ConsoleController {

	private static final String SCRIPTS = "/api/console/scripts/";

	/**
	 * Where the console saves: its scripts can never replace the game's own (such as
	 * {@code turn}), which other requests run, and any rule for the prefix applies to
	 * them all.
	 */
	static final String SAVED = "console/";

	private static final String PREFIX = "console";

	private final GameService game;

	private final ScriptRepository scripts;

	private final ObjectProvider<JdbcLuaScriptSource> table;

	/** What the console's scripts may call, as configured for those it saves. */
	private final LuaOptions grant;

	public ConsoleController(GameService game, ScriptRepository scripts, ObjectProvider<JdbcLuaScriptSource> table,
			LuaProperties lua) {
		this.game = game;
		this.scripts = scripts;
		this.table = table;
		List<String> granted = lua.getPermissions().get(PREFIX);
		Assert.state(granted != null, () -> "lua.permissions." + PREFIX
				+ " is not configured: the console runs what anyone types, so say what it may call");
		this.grant = LuaOptions.defaults()
			.withEndpoints(granted.stream().filter((name) -> !name.contains(".")).toArray(String[]::new))
			.withMethods(granted.stream().filter((name) -> name.contains(".")).toArray(String[]::new));
	}

	@GetMapping("/scripts")
	public List<String> scripts() {
		return this.scripts.names();
	}

	@GetMapping(path = "/scripts/**", produces = MediaType.TEXT_PLAIN_VALUE)
	public String source(HttpServletRequest request) {
		return this.scripts.source(scriptName(request));
	}

	/**
	 * Saves a script under {@code console/} into the script table; this instance runs it
	 * from its next invocation, every other instance within a reload interval or two. A
	 * script that does not compile is saved too, and the previous version keeps running.
	 * @param request the request, whose path names the script
	 * ({@code /api/console/scripts/console/greet})
	 * @param source the Lua source
	 * @return the name, where it was saved, and Lua's message if it does not compile
	 */
	@PutMapping(path = "/scripts/**", consumes = MediaType.TEXT_PLAIN_VALUE)
	public ResponseEntity<?> save(HttpServletRequest request, @RequestBody String source) {
		String name = scriptName(request);
		if (!name.startsWith(SAVED)) {
			return refused(HttpStatus.BAD_REQUEST, "the console saves scripts under '" + SAVED
					+ "' only, so that they never replace the game's own: save as '" + SAVED + name + "'");
		}
		JdbcLuaScriptSource table = this.table.getIfAvailable();
		if (table == null) {
			return refused(HttpStatus.CONFLICT,
					"scripts can be saved only with the script table on (lua.scripts.jdbc.enabled=true)");
		}
		try {
			table.save(name, source);
		}
		catch (IllegalArgumentException ex) {
			return refused(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		this.scripts.refresh(name);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("name", name);
		answer.put("savedTo", table.description());
		String error = this.game.compileError(name, source);
		if (error != null) {
			answer.put("error", error + " (saved; the previous version, if any, keeps running)");
		}
		return ResponseEntity.ok(answer);
	}

	private static ResponseEntity<ProblemDetail> refused(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle("Script not saved");
		return ResponseEntity.status(status).body(problem);
	}

	@PostMapping("/run")
	public Map<String, Object> run(@RequestBody RunRequest request) {
		LuaTrace trace = new LuaTrace();
		LuaOptions options = this.grant.withTrace(trace);
		long seed = (request.seed() != null) ? request.seed() : 42;
		Map<String, Object> answer = new LinkedHashMap<>();
		try {
			answer.put("result", (request.script() != null) ? this.game.run(request.script(), seed, options)
					: this.game.eval(request.source(), seed, options));
		}
		catch (LuaScriptException ex) {
			answer.put("error", ex.getMessage());
		}
		answer.put("trace", trace.getCalls().stream().map((call) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("method", call.method());
			entry.put("arguments", call.arguments());
			entry.put("reply", call.reply());
			entry.put("error", call.error());
			entry.put("micros", call.nanos() / 1000.0);
			return entry;
		}).toList());
		answer.put("world", this.game.state());
		return answer;
	}

	private static String scriptName(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length() + SCRIPTS.length());
	}

	/**
	 * A run from the console: source text, or the name of a script.
	 *
	 * @param source the Lua source, when no script is named
	 * @param seed the dice seed, or {@code null} for 42
	 * @param script the name of the script to run instead, or {@code null}
	 */
	public record RunRequest(String source, Long seed, String script) {
	}

}
