package dev.asynccommerce.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpUserPoolAuthorizer;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.ClientAttributes;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.StandardAttributesMask;
import software.amazon.awscdk.services.cognito.StringAttribute;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.constructs.Construct;

/**
 * Store staff sign in to a Cognito user pool; their ID token carries the store they work at
 * ({@code custom:storeId}, set by an administrator, not writable by the app). Store routes of the
 * HTTP API check the token with a JWT authorizer; the handler then refuses (403) a token of another
 * store. See docs/decisions/2026-11-21-store-staff-authorization.md.
 */
public final class StoreStaffAuth extends Construct {
    public static final String STORE_CLAIM = "custom:storeId";
    public static final String STAFF_GROUP = "store-staff";

    private final UserPool userPool;
    private final UserPoolClient deviceClient;
    private final HttpUserPoolAuthorizer authorizer;

    public StoreStaffAuth(Construct scope, String id, RemovalPolicy removalPolicy) {
        super(scope, id);
        this.userPool = UserPool.Builder.create(this, "StaffPool")
                .selfSignUpEnabled(false)
                .signInCaseSensitive(false)
                .mfa(Mfa.REQUIRED)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireDigits(true)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireSymbols(true)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .accountRecovery(AccountRecovery.NONE)
                .customAttributes(java.util.Map.of(
                        "storeId",
                        StringAttribute.Builder.create()
                                .minLen(1)
                                .maxLen(40)
                                .mutable(true)
                                .build()))
                .removalPolicy(removalPolicy)
                .build();
        NagSuppressions.addResourceSuppressions(
                userPool,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-COG3")
                        .reason("Threat protection needs Cognito's Plus feature plan, a per-deployment cost decision;"
                                + " sign-up is closed (administrators create staff) and MFA is required")
                        .build()));
        this.deviceClient = userPool.addClient(
                "StoreDevices",
                software.amazon.awscdk.services.cognito.UserPoolClientOptions.builder()
                        .generateSecret(false)
                        .authFlows(AuthFlow.builder().userSrp(true).build())
                        .accessTokenValidity(Duration.hours(8))
                        .idTokenValidity(Duration.hours(8))
                        .refreshTokenValidity(Duration.days(7))
                        // Staff may read their store, never write it: only administrators assign stores.
                        .readAttributes(new ClientAttributes()
                                .withStandardAttributes(StandardAttributesMask.builder()
                                        .email(true)
                                        .build())
                                .withCustomAttributes("storeId"))
                        .writeAttributes(new ClientAttributes())
                        .preventUserExistenceErrors(true)
                        .build());
        CfnUserPoolGroup.Builder.create(this, "StaffGroup")
                .userPoolId(userPool.getUserPoolId())
                .groupName(STAFF_GROUP)
                .description("Store staff: pick tasks, picked and collected at their own store")
                .build();
        this.authorizer = HttpUserPoolAuthorizer.Builder.create("StoreStaff", userPool)
                .userPoolClients(List.of(deviceClient))
                .build();
    }

    /**
     * The {@code iss} of the pool's tokens, exactly as Cognito writes it, built from the pool id (the
     * ProviderURL attribute's form is not what every consumer expects, and the comparison is exact).
     */
    public String issuer() {
        Stack stack = Stack.of(this);
        return Fn.join(
                "",
                List.of(
                        "https://cognito-idp.",
                        stack.getRegion(),
                        ".",
                        stack.getUrlSuffix(),
                        "/",
                        userPool.getUserPoolId()));
    }

    public UserPool userPool() {
        return userPool;
    }

    public UserPoolClient deviceClient() {
        return deviceClient;
    }

    /** The JWT authorizer store routes attach. */
    public HttpUserPoolAuthorizer authorizer() {
        return authorizer;
    }
}
