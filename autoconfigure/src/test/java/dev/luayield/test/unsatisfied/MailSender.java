package dev.luayield.test.unsatisfied;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Service;

/**
 * Sends mail: a service, so not in a {@code @LuaTest} unless the test brings it.
 */
@Service
public class MailSender {

	final List<String> sent = new CopyOnWriteArrayList<>();

	public void send(String to, String text) {
		this.sent.add(to + ": " + text);
	}

}
