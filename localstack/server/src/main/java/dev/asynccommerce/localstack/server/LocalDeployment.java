package dev.asynccommerce.localstack.server;

import dev.asynccommerce.localstack.deployer.CloudAssembly;
import dev.asynccommerce.localstack.deployer.Deployer;
import dev.asynccommerce.localstack.deployer.DeploymentException;
import dev.asynccommerce.localstack.deployer.Provisioned;
import dev.asynccommerce.localstack.deployer.Provisioner;
import dev.asynccommerce.localstack.deployer.StackEnvironment;
import dev.asynccommerce.localstack.eventsources.MappingDefinition;
import dev.asynccommerce.localstack.server.provision.ApiGatewayResources;
import dev.asynccommerce.localstack.server.provision.LambdaResources;
import dev.asynccommerce.localstack.server.provision.StackProvisioners;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deploys a synthesized CDK stack into the running local stack: every resource through its provisioner,
 * the APIs registered with the gateway, and the outputs rewritten to the stack's own URLs (the
 * template builds some from AWS's domain, which means nothing here).
 */
public final class LocalDeployment {
    private LocalDeployment() {}

    /**
     * The deployed stack, what it did not emulate, and its outputs as a client should use them.
     *
     * @param registerApis registers the deployed APIs with the gateway again, which closes every open
     *     WebSocket connection of their stages (the stack's reset)
     */
    public record Result(
            Deployer.DeployedStack stack,
            Map<String, String> outputs,
            List<String> notEmulatedTypes,
            Set<String> notEmulatedProperties,
            Map<String, String> types,
            Runnable registerApis) {

        /** The physical names of the deployment's resources of one CloudFormation type, in template order. */
        public List<String> physicalIdsOf(String type) {
            return types.entrySet().stream()
                    .filter(e -> e.getValue().equals(type) && stack.resources().containsKey(e.getKey()))
                    .map(e -> stack.resources().get(e.getKey()).physicalId())
                    .toList();
        }
    }

    static Result deploy(LocalStack local, CloudAssembly assembly, Map<String, Provisioner> extraProvisioners) {
        StackEnvironment environment = new StackEnvironment(
                assembly.stackName(), LocalStack.ACCOUNT, local.region().id(), "aws", "amazonaws.com", Map.of());
        try (StackProvisioners provisioners = new StackProvisioners(local.endpoint(), local.region())) {
            ApiGatewayResources apis = new ApiGatewayResources(
                    local.apis(), local.endpoint(), provisioners::noted, local.identity()::localize);
            // A function's environment may name an API (a WebSocket callback URL): it is deployed by then.
            LambdaResources functions = new LambdaResources(
                    local.lambda(),
                    assembly,
                    local.endpoint(),
                    provisioners::noted,
                    value -> apis.localizeEnvironmentValue(local.identity().localize(value)));
            provisioners
                    .with("AWS::Lambda::Function", functions.functions())
                    .with("AWS::Lambda::Version", functions.versions())
                    .with("AWS::Lambda::Alias", functions.aliases())
                    .with("AWS::Lambda::EventInvokeConfig", functions.eventInvokeConfigs())
                    .with("AWS::ApiGatewayV2::Api", apis.apis())
                    .with("AWS::ApiGatewayV2::Integration", apis.integrations())
                    .with("AWS::ApiGatewayV2::Authorizer", apis.authorizers())
                    .with("AWS::ApiGatewayV2::Route", apis.routes())
                    .with("AWS::ApiGatewayV2::Stage", apis.stages())
                    .with("AWS::Lambda::EventSourceMapping", (resource, properties, named) -> {
                        String id;
                        try {
                            id = local.mappings()
                                    .create(MappingDefinition.fromCloudFormation(
                                            properties, environment.region(), LocalStack.ACCOUNT));
                        } catch (IllegalArgumentException | IllegalStateException e) {
                            throw DeploymentException.at(resource.logicalId(), e.getMessage());
                        }
                        return new Provisioned(
                                id,
                                Map.of(
                                        "Id",
                                        id,
                                        "EventSourceMappingArn",
                                        environment.arn("lambda", "event-source-mapping:" + id)));
                    });
            extraProvisioners.forEach(provisioners::with);
            Deployer.DeployedStack stack = new Deployer(provisioners.byType()).deploy(assembly.template(), environment);
            apis.register();
            Map<String, String> outputs = new LinkedHashMap<>();
            Map<String, String> urls = apis.localUrls(environment.region(), environment.urlSuffix());
            stack.outputs().forEach((key, value) -> outputs.put(key, localized(key, value, urls, local)));
            Map<String, String> types = new LinkedHashMap<>();
            assembly.template().resources().forEach((id, resource) -> types.put(id, resource.type()));
            return new Result(
                    stack,
                    outputs,
                    stack.notEmulatedTypes(),
                    provisioners.notEmulatedProperties(),
                    types,
                    apis::register);
        }
    }

    private static String localized(String key, String value, Map<String, String> urls, LocalStack local) {
        if (key.equals("AwsEndpoint")) {
            return local.endpoint().toString();
        }
        for (Map.Entry<String, String> url : urls.entrySet()) {
            if (value.startsWith(url.getKey())) {
                return url.getValue() + value.substring(url.getKey().length());
            }
        }
        return value;
    }
}
