package dev.luayield.demo.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.luayield.LuaOptions;
import dev.luayield.LuaScriptException;
import dev.luayield.LuaTrace;
import dev.luayield.demo.game.GameService;
import dev.luayield.scripts.ScriptRepository;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the web console ({@code /index.html}) talks to: the scripts to pick from, and a
 * run that answers with the result, the request trace and the world after it. Anyone who
 * opens the page can run what they type, so the console's scripts run with a grant: they
 * may read the world, fight and roll dice, but not create creatures or items, nor touch
 * the counters the game keeps.
 */
@RestController
@RequestMapping("/api/console")
public class ConsoleController {

	/** What the console's scripts may call. */
	static final LuaOptions GRANT = LuaOptions.defaults()
		.withEndpoints("dice", "log")
		.withMethods("world.get_hp", "world.max_hp", "world.name", "world.kind", "world.faction", "world.alive",
				"world.position", "world.creature", "world.distance", "world.creatures_near", "world.enemies_near",
				"world.allies_near", "world.living_creatures", "world.items", "world.weapon_power", "world.damage",
				"world.heal", "world.move");

	private final GameService game;

	private final ScriptRepository scripts;

	public ConsoleController(GameService game, ScriptRepository scripts) {
		this.game = game;
		this.scripts = scripts;
	}

	@GetMapping("/scripts")
	public List<String> scripts() {
		return this.scripts.names();
	}

	@GetMapping(path = "/scripts/**", produces = MediaType.TEXT_PLAIN_VALUE)
	public String source(HttpServletRequest request) {
		String prefix = request.getContextPath() + "/api/console/scripts/";
		return this.scripts.source(request.getRequestURI().substring(prefix.length()));
	}

	@PostMapping("/run")
	public Map<String, Object> run(@RequestBody RunRequest request) {
		LuaTrace trace = new LuaTrace();
		Map<String, Object> answer = new LinkedHashMap<>();
		try {
			answer.put("result", this.game.eval(request.source(), (request.seed() != null) ? request.seed() : 42,
					GRANT.withTrace(trace)));
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

	/**
	 * A run from the console.
	 *
	 * @param source the Lua source
	 * @param seed the dice seed, or {@code null} for 42
	 */
	public record RunRequest(String source, Long seed) {
	}

}
