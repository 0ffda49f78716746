package dev.luayield.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.luajit.LuaJit;

/**
 * The API-size sweep: an endpoint of 5 to 1,000 methods (the generated
 * {@code dev.luayield.benchmarks.api.ApiN} classes). {@code empty} runs a script that
 * calls nothing, which shows whether an invocation's fixed cost grows with the API;
 * {@code callLast} calls the endpoint's last method 10 times.
 * <p>
 * {@code jfunctionBinding} is the baseline for the fixed cost: the binding a host builds
 * per invocation when it hands Lua its objects instead (a fresh table of one LuaJava
 * {@link JFunction} per method, so that no invocation sees another's), then an empty
 * script, on a bare LuaJIT state.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ApiSizeBenchmark {

	@Param({ "5", "50", "200", "1000" })
	public int methods;

	private BenchRuntime runtime;

	private String callLast;

	private LuaJit bare;

	private JFunction[] functions;

	private String[] names;

	private int emptyRef;

	@Setup(Level.Trial)
	public void setUp() throws ReflectiveOperationException {
		Object api = Class.forName("dev.luayield.benchmarks.api.Api" + this.methods).getConstructor().newInstance();
		this.runtime = BenchRuntime.of(BenchRuntime.endpoint("api", api));
		this.callLast = String.format("local s = 0 for i = 1, 10 do s = s + api:m%04d(i) end return s", this.methods);
		this.bare = new LuaJit();
		this.bare.openLibraries();
		this.bare.load("return nil");
		this.emptyRef = this.bare.ref();
		this.functions = new JFunction[this.methods];
		this.names = new String[this.methods];
		for (int i = 0; i < this.methods; i++) {
			int result = i;
			this.functions[i] = (lua) -> {
				lua.push(result);
				return 1;
			};
			this.names[i] = String.format("m%04d", i + 1);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.runtime.close();
		this.bare.close();
	}

	@Benchmark
	public Object empty() {
		return this.runtime.runner.run("empty");
	}

	@Benchmark
	public Object jfunctionBinding() {
		LuaJit lua = this.bare;
		lua.createTable(0, this.methods);
		for (int i = 0; i < this.methods; i++) {
			lua.push(this.functions[i]);
			lua.setField(-2, this.names[i]);
		}
		lua.setGlobal("api");
		lua.refGet(this.emptyRef);
		lua.pCall(0, 0);
		lua.pushNil();
		lua.setGlobal("api");
		return lua;
	}

	@Benchmark
	public Object callLast() {
		return this.runtime.runner.eval(this.callLast);
	}

}
