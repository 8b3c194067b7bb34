package dev.sqo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CRUD mock API server with one fault that can be switched on: every write that sets a given field
 * (spec.replicas, spec.minReplicas) is answered with a status code, as a validating webhook's denial, an etcd timeout
 * or a conflicting writer would answer it, while writes that leave that field alone go through. The fault follows the
 * field, not the request shape: a write through the scale subresource changes spec.replicas too.
 */
public final class RefusingApiServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Refusing dispatcher = new Refusing();
    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher,
            false);

    public RefusingApiServer() {
        server.init();
    }

    public KubernetesMockServer server() {
        return server;
    }

    /** From now on, writes that change the field (a JSON pointer such as /spec/replicas) are answered with this code. */
    public void refuse(String field, int code) {
        dispatcher.field = field;
        dispatcher.code = code;
    }

    /** The fault is repaired. */
    public void accept() {
        dispatcher.field = null;
    }

    /** How many writes were refused so far. */
    public int refused() {
        return dispatcher.refused.get();
    }

    public void close() {
        server.destroy();
    }

    private static final class Refusing extends KubernetesCrudDispatcher {

        volatile String field;
        volatile int code;
        final AtomicInteger refused = new AtomicInteger();

        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            return refuses(request) ? refusal() : super.handlePatch(request);
        }

        @Override
        public MockResponse handleUpdate(RecordedRequest request) {
            return refuses(request) ? refusal() : super.handleUpdate(request);
        }

        private boolean refuses(RecordedRequest request) {
            String f = field;
            if (f == null) {
                return false;
            }
            if ("/spec/replicas".equals(f) && request.getPath().endsWith("/scale")) {
                return true;
            }
            try {
                // getBytes, not getUtf8Body: reading the body would consume it, and the write let through would arrive empty.
                JsonNode body = JSON.readTree(request.getBody().getBytes());
                if (body.isArray()) { // JSON patch: an operation on the field
                    for (JsonNode op : body) {
                        if (f.equals(op.path("path").asText())) {
                            return true;
                        }
                    }
                    return false;
                }
                return !body.at(f).isMissingNode(); // a merge patch or a whole object that sets it
            } catch (IOException e) {
                return false;
            }
        }

        private MockResponse refusal() {
            refused.incrementAndGet();
            return new MockResponse().setResponseCode(code).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                    + "\"message\":\"refused by the test\",\"code\":" + code + "}");
        }
    }
}
