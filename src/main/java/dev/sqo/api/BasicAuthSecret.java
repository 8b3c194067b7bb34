package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

public class BasicAuthSecret {

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of a Secret in the ServiceQuality's namespace.")
    public String name;

    @Default("username")
    @JsonPropertyDescription("Key of the username in the Secret. Defaults to 'username'.")
    public String usernameKey = "username";

    @Default("password")
    @JsonPropertyDescription("Key of the password in the Secret. Defaults to 'password'.")
    public String passwordKey = "password";
}
