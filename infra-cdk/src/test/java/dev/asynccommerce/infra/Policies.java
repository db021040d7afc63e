package dev.asynccommerce.infra;

import static dev.asynccommerce.infra.Resources.list;
import static dev.asynccommerce.infra.Resources.map;
import static dev.asynccommerce.infra.Resources.ofType;
import static dev.asynccommerce.infra.Resources.props;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every IAM statement that applies to a role, from all the policies attached to it. */
final class Policies {
    private Policies() {}

    static List<Map<String, Object>> statementsOf(String roleLogicalId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> policy : ofType("AWS::IAM::Policy").values()) {
            if (String.valueOf(props(policy).get("Roles")).contains(roleLogicalId)) {
                for (Object statement :
                        list(map(props(policy).get("PolicyDocument")).get("Statement"))) {
                    statements.add(map(statement));
                }
            }
        }
        return statements;
    }

    /** The actions a role may take on resources named by {@code resourceLogicalId}. */
    static List<String> actionsOn(String roleLogicalId, String resourceLogicalId) {
        List<String> actions = new ArrayList<>();
        for (Map<String, Object> s : statementsOf(roleLogicalId)) {
            if (String.valueOf(s.get("Resource")).contains(resourceLogicalId)) {
                Object action = s.get("Action");
                if (action instanceof List<?> many) {
                    many.forEach(a -> actions.add(String.valueOf(a)));
                } else {
                    actions.add(String.valueOf(action));
                }
            }
        }
        return actions;
    }
}
