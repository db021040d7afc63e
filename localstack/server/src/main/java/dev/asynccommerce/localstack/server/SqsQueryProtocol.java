package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads one SQS call made in the query protocol (form-encoded parameters with an {@code Action}, an XML
 * answer: the AWS CLI v1 and older SDKs) as the same call in the AWS JSON protocol, for the operations
 * {@link VisibilityTimeouts} follows, so that one class holds the following logic for both protocols.
 * Only what that class reads is carried over: {@code QueueUrl}, {@code ReceiptHandle}, {@code
 * VisibilityTimeout} and the batch entries of the request; the received messages' ids and receipt
 * handles, the batches' successful ids and a created queue's URL of the answer.
 *
 * <p>Names as the query API spells them
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-xml.html,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-xml-api-responses.html):
 * parameters come in the query string, or for a POST in the {@code application/x-www-form-urlencoded}
 * body; a list is flattened as {@code <Member>.<n>.<Field>} ({@code
 * DeleteMessageBatchRequestEntry.1.ReceiptHandle}); the queue is named by {@code QueueUrl} or by the
 * request path {@code /<account>/<queue>}; the answer is {@code <Action>Response/<Action>Result/...}, a
 * batch's successes are {@code <Action>ResultEntry} elements (failures {@code BatchResultErrorEntry}).
 *
 * <p>Never throws: a call it cannot read is not translated, and ElasticMQ's answer goes to the client
 * unchanged either way.
 */
final class SqsQueryProtocol {
    private static final Logger LOG = LogManager.getLogger(SqsQueryProtocol.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

    /** What {@link VisibilityTimeouts#observe} acts on; sending, listing and reading attributes hide nothing. */
    private static final Set<String> FOLLOWED = Set.of(
            "ReceiveMessage",
            "ChangeMessageVisibility",
            "ChangeMessageVisibilityBatch",
            "DeleteMessage",
            "DeleteMessageBatch",
            "PurgeQueue",
            "DeleteQueue",
            "SetQueueAttributes",
            "CreateQueue");

    /** The request entry of each batch operation, as the query API names its members. */
    private static final Map<String, String> BATCH_ENTRIES = Map.of(
            "ChangeMessageVisibilityBatch", "ChangeMessageVisibilityBatchRequestEntry",
            "DeleteMessageBatch", "DeleteMessageBatchRequestEntry");

    /** A queue named by the request path, as AWS allows: {@code /<account>/<queue>}. */
    private static final Pattern QUEUE_PATH = Pattern.compile("/[^/]+/[^/]+/?");

    /** One call as the JSON protocol would have carried it: the operation and both bodies. */
    record JsonCall(String operation, byte[] request, byte[] response) {}

    private SqsQueryProtocol() {}

    /**
     * The JSON-protocol form of a successful query-protocol call, if it is one {@link VisibilityTimeouts}
     * follows and it can be read.
     *
     * @param path the request's path (a queue may be named by it)
     * @param query the request's raw query string, or null
     * @param contentType the request's {@code Content-Type}, or null; a body is read only as a form
     * @param body the request body
     * @param answer ElasticMQ's XML answer (status 200)
     * @param queueHost where a queue named only by the path is reached: its URL is this with the path
     */
    static Optional<JsonCall> toJson(
            String path, String query, String contentType, byte[] body, byte[] answer, URI queueHost) {
        try {
            Map<String, String> parameters = new LinkedHashMap<>(decode(query));
            if (contentType != null && contentType.toLowerCase().startsWith(FORM_CONTENT_TYPE)) {
                parameters.putAll(decode(new String(body, StandardCharsets.UTF_8)));
            }
            String action = parameters.get("Action");
            if (action == null || !FOLLOWED.contains(action)) {
                return Optional.empty();
            }
            String queueUrl = parameters.get("QueueUrl");
            if (queueUrl == null && path != null && QUEUE_PATH.matcher(path).matches()) {
                queueUrl = queueHost.resolve(path).toString();
            }
            ObjectNode request = request(action, parameters, queueUrl);
            ObjectNode response = response(action, answer);
            if (request == null || response == null) {
                return Optional.empty();
            }
            return Optional.of(new JsonCall(action, JSON.writeValueAsBytes(request), JSON.writeValueAsBytes(response)));
        } catch (Exception e) {
            LOG.debug("SQS query-protocol call not read: {}", e.toString());
            return Optional.empty();
        }
    }

    /** The JSON request, or null when a value the JSON protocol types as a number is not one. */
    private static ObjectNode request(String action, Map<String, String> parameters, String queueUrl) {
        ObjectNode request = JSON.createObjectNode();
        if (queueUrl != null) {
            request.put("QueueUrl", queueUrl);
        }
        if (!copy(parameters, "", request)) {
            return null;
        }
        String entryMember = BATCH_ENTRIES.get(action);
        if (entryMember != null) {
            ArrayNode entries = request.putArray("Entries");
            for (String prefix : memberPrefixes(parameters, entryMember)) {
                ObjectNode entry = entries.addObject();
                String id = parameters.get(prefix + "Id");
                if (id != null) {
                    entry.put("Id", id);
                }
                if (!copy(parameters, prefix, entry)) {
                    return null;
                }
            }
        }
        return request;
    }

    /** Copies {@code ReceiptHandle} and {@code VisibilityTimeout} (as a number) under {@code prefix}. */
    private static boolean copy(Map<String, String> parameters, String prefix, ObjectNode target) {
        String receipt = parameters.get(prefix + "ReceiptHandle");
        if (receipt != null) {
            target.put("ReceiptHandle", receipt);
        }
        String timeout = parameters.get(prefix + "VisibilityTimeout");
        if (timeout != null) {
            try {
                target.put("VisibilityTimeout", Integer.parseInt(timeout.trim()));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /** The prefixes {@code <member>.<n>.} of a flattened list, in the order of n. */
    private static List<String> memberPrefixes(Map<String, String> parameters, String member) {
        Pattern field = Pattern.compile(Pattern.quote(member) + "\\.(\\d+)\\..+");
        TreeMap<Integer, String> prefixes = new TreeMap<>();
        for (String name : parameters.keySet()) {
            Matcher matcher = field.matcher(name);
            if (matcher.matches()) {
                String index = matcher.group(1);
                prefixes.put(Integer.parseInt(index), member + "." + index + ".");
            }
        }
        return new ArrayList<>(prefixes.values());
    }

    /** The parts of the JSON answer {@link VisibilityTimeouts} reads, or null when the XML is not the action's answer. */
    private static ObjectNode response(String action, byte[] answer) throws Exception {
        ObjectNode response = JSON.createObjectNode();
        switch (action) {
            case "ReceiveMessage" -> {
                Element result = result(action, answer);
                if (result == null) {
                    return null;
                }
                ArrayNode messages = response.putArray("Messages");
                for (Element message : children(result, "Message")) {
                    ObjectNode json = messages.addObject();
                    putText(json, "MessageId", message);
                    putText(json, "ReceiptHandle", message);
                }
            }
            case "ChangeMessageVisibilityBatch", "DeleteMessageBatch" -> {
                Element result = result(action, answer);
                if (result == null) {
                    return null;
                }
                ArrayNode successful = response.putArray("Successful");
                for (Element entry : children(result, action + "ResultEntry")) {
                    putText(successful.addObject(), "Id", entry);
                }
            }
            case "CreateQueue" -> {
                Element result = result(action, answer);
                if (result == null) {
                    return null;
                }
                putText(response, "QueueUrl", result);
            }
            default -> {
                // The other followed operations are read from the request alone.
            }
        }
        return response;
    }

    /** {@code <Action>Response/<Action>Result}, namespaces aside; null when the answer is another. */
    private static Element result(String action, byte[] answer) throws Exception {
        Element root = parser().parse(new ByteArrayInputStream(answer)).getDocumentElement();
        if (!(action + "Response").equals(root.getLocalName())) {
            return null;
        }
        List<Element> results = children(root, action + "Result");
        return results.isEmpty() ? null : results.getFirst();
    }

    private static void putText(ObjectNode target, String name, Element parent) {
        List<Element> found = children(parent, name);
        if (!found.isEmpty()) {
            target.put(name, found.getFirst().getTextContent().trim());
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                children.add(element);
            }
        }
        return children;
    }

    /** A parser that reads no DTD and resolves no external entity: the answer is only ever plain XML. */
    private static DocumentBuilder parser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }

    /** {@code name=value&...}, form-decoded; a name without a value is the empty string. */
    private static Map<String, String> decode(String form) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return parameters;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
