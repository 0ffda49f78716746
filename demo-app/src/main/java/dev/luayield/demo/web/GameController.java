package dev.luayield.demo.web;

import java.util.List;
import java.util.Map;

import dev.luayield.demo.game.GameService;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The game over HTTP: run a script, play a turn, look at the world.
 */
@RestController
@RequestMapping("/api")
public class GameController {

	private static final String SCRIPTS = "/api/scripts/";

	private final GameService game;

	public GameController(GameService game) {
		this.game = game;
	}

	/**
	 * Runs a named script; the body is a JSON array of its arguments.
	 * @param request the request, whose path names the script
	 * ({@code /api/scripts/combat/on_hit})
	 * @param seed the dice seed
	 * @param args the arguments
	 * @return the script's result
	 */
	@PostMapping("/scripts/**")
	public Map<String, Object> run(HttpServletRequest request, @RequestParam(defaultValue = "42") long seed,
			@RequestBody(required = false) List<Object> args) {
		String script = request.getRequestURI().substring(request.getContextPath().length() + SCRIPTS.length());
		Object result = this.game.run(script, seed, (args != null) ? args : List.of());
		return java.util.Collections.singletonMap("result", result);
	}

	@PostMapping("/turn")
	public Map<String, Object> turn() {
		return this.game.playTurn();
	}

	@GetMapping("/world")
	public Map<String, Object> world() {
		return this.game.state();
	}

}
