package dev.asynccommerce.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ErrorResponse;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The web apps (storefront, store device app, ops console) as static files in a private bucket
 * behind CloudFront with origin access control. The files are uploaded by the web build, not by
 * the stack.
 */
public final class WebHosting extends Construct {
    private final Bucket site;
    private final Distribution distribution;

    public WebHosting(Construct scope, String id, RemovalPolicy removalPolicy) {
        super(scope, id);
        Bucket logs = Bucket.Builder.create(this, "AccessLogs")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                // CloudFront's standard logs are delivered with ACLs.
                .objectOwnership(ObjectOwnership.OBJECT_WRITER)
                .lifecycleRules(java.util.List.of(software.amazon.awscdk.services.s3.LifecycleRule.builder()
                        .expiration(Duration.days(90))
                        .build()))
                .removalPolicy(removalPolicy)
                .build();
        this.site = Bucket.Builder.create(this, "Site")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(true)
                .serverAccessLogsBucket(logs)
                .serverAccessLogsPrefix("s3/")
                .removalPolicy(removalPolicy)
                .build();
        this.distribution = Distribution.Builder.create(this, "Distribution")
                .comment("async-commerce web apps")
                .defaultRootObject("index.html")
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .enableLogging(true)
                .logBucket(logs)
                .logFilePrefix("cloudfront/")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(site))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .build())
                .errorResponses(java.util.List.of(ErrorResponse.builder()
                        .httpStatus(404)
                        .responseHttpStatus(200)
                        .responsePagePath("/index.html")
                        .build()))
                .build();
        NagSuppressions.addResourceSuppressions(
                distribution,
                java.util.List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-CFR4")
                        .reason("With the default *.cloudfront.net certificate CloudFront cannot pin a minimum TLS"
                                + " version; a deployment with its own domain and certificate sets TLSv1.2_2021")
                        .build()));
    }

    public String url() {
        return "https://" + distribution.getDistributionDomainName() + "/";
    }

    public String consoleUrl() {
        return "https://" + distribution.getDistributionDomainName() + "/console/";
    }

    public String origin() {
        return "https://" + distribution.getDistributionDomainName();
    }

    public Bucket site() {
        return site;
    }

    public Distribution distribution() {
        return distribution;
    }
}
