package dev.luayield.runner;

import java.util.List;

/**
 * An endpoint whose parameters and results exercise the converters at their limits: a
 * record read field by field, a sequence, anything at all, and a Java graph that shares
 * its sub-objects.
 */
public class ConversionProbe {

	public record Box(int w, String label) {
	}

	public record Node(String name, Node left, Node right) {
	}

	public String box(Box box) {
		return box.w() + ":" + box.label();
	}

	public int size(List<Integer> values) {
		return values.size();
	}

	public int take(Object value) {
		return 1;
	}

	/**
	 * Returns a binary graph {@code depth} levels deep whose two children are the same
	 * object on every level: {@code depth + 1} objects, {@code 2^depth} paths to the
	 * leaf.
	 */
	public Node graph(int depth) {
		Node node = new Node("leaf", null, null);
		for (int i = 0; i < depth; i++) {
			node = new Node("level " + i, node, node);
		}
		return node;
	}

}
