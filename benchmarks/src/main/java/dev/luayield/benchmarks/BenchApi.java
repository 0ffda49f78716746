package dev.luayield.benchmarks;

/**
 * The endpoint every benchmark calls, and the object the LuaJava and LuaJ baselines call
 * the same methods on.
 */
public class BenchApi {

	/**
	 * A record argument.
	 *
	 * @param w the width
	 * @param h the height
	 */
	public record Box(int w, int h) {
	}

	public int addOne(int x) {
		return x + 1;
	}

	public int nameLength(String name) {
		return name.length();
	}

	public int area(Box box) {
		return box.w() * box.h();
	}

}
