package dev.luayield.test.unsatisfied;

import dev.luayield.annotation.LuaEndpoint;

/**
 * Lets scripts send mail, through a service.
 */
@LuaEndpoint("mail")
public class MailEndpoint {

	private final MailSender sender;

	public MailEndpoint(MailSender sender) {
		this.sender = sender;
	}

	public void send(String to, String text) {
		this.sender.send(to, text);
	}

}
