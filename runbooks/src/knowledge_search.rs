//! Knowledge Search: the full-text search API of the knowledge base, a
//! Kubernetes Deployment in two clusters (Tokyo serves, Osaka stands by),
//! backed by a managed OpenSearch domain per region. There is no systemd
//! and no state of its own: the index lives in the managed domain, whose
//! snapshots the provider takes.

use runbook_dsl::{runbook, Runbook};

use crate::common::{ALERTING_EN, KUBERNETES_CHECKLIST, PLATFORM_CONTACTS_EN};

pub const RUNBOOK: Runbook = runbook! {
    feature: knowledge_search,
    title: "Knowledge Search",
    owner: "search-team",
    updated: 2026-11-20,
    review_every: 60d,
    version: "3.1",
    lang: en,
    summary: "Full-text search over the knowledge base: a stateless API on Kubernetes in front of a managed OpenSearch domain.",
    chat: "#search-ops",

    vars {
        ns = "search",
        app = "search-api",
        port = 8080,
        // A jsonpath keeps every brace as written, `{end}` too.
        pod_rows = raw("{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}"),
    }

    // Each cluster is an environment: every kubectl command names its context.
    environments {
        tokyo "Tokyo (primary)" { context = "prod-tokyo", domain = "search-prod-tokyo", region = "ap-northeast-1" }
        osaka "Osaka (standby)" { context = "prod-osaka", domain = "search-prod-osaka", region = "ap-northeast-3" }
    }

    architecture {
        client { name: "Knowledge API", link: "HTTPS (cluster-internal)" }
        ingress { name: "ingress-nginx", kind: "Ingress controller", version: "1.11", role: "routing, TLS" }
        api { name: "search-api", kind: "Deployment", version: "3.1.4", role: "query parsing, ranking", link: "HTTPS" }
        opensearch { name: "Amazon OpenSearch Service", kind: "Managed search", version: "2.15", role: "the index" }
        hpa { name: "HorizontalPodAutoscaler", kind: "Autoscaler", version: "autoscaling/v2", role: "3 to 12 replicas", optional }
    }

    deploy {
        precheck {
            "Current rollout is complete" => "kubectl --context {context} -n {ns} rollout status deploy/{app} --timeout=60s",
            "Pods and their phases" => "kubectl --context {context} -n {ns} get pods -l app={app} -o jsonpath='{pod_rows}'",
        }
        execute {
            "Sync the release from Git" => "argocd app sync {app}-{env} --timeout 300",
        }
        verify {
            "The rollout finished" => "kubectl --context {context} -n {ns} rollout status deploy/{app} --timeout=300s"
                expect("deployment \"search-api\" successfully rolled out"),
            "Health through the service" => "kubectl --context {context} -n {ns} exec deploy/{app} -- curl -fsS http://localhost:{port}/healthz",
        }
    }

    service { none("runs on Kubernetes: the Deployment controller starts, stops and replaces the pods; a restart (kubectl rollout restart) is a remedy under troubleshooting") }

    monitoring {
        pods "Pods (kube-state-metrics)" {
            available "Available replicas": normal > 80%, warning 50%..80%, critical < 50%,
                query "kube_deployment_status_replicas_available{namespace=\"search\",deployment=\"search-api\"} / kube_deployment_spec_replicas{namespace=\"search\",deployment=\"search-api\"}";
            restarts "Container restarts": normal < 3/h, warning 3..10/h, critical > 10/h,
                query "sum(increase(kube_pod_container_status_restarts_total{namespace=\"search\",container=\"search-api\"}[1h]))" in /h;
        }
        queries "Queries" {
            p95 "Query latency P95": normal < 300ms, warning 300ms..1000ms, critical > 1000ms,
                query "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{namespace=\"search\",service=\"search-api\"}[5m])))";
            errors "Query error rate": normal < 1%, warning 1%..5%, critical > 5%,
                query "sum(rate(http_requests_total{namespace=\"search\",service=\"search-api\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total{namespace=\"search\",service=\"search-api\"}[5m]))";
        }
    }

    backup { none("stateless: the index lives in the managed OpenSearch domain, which the provider snapshots every hour") }
    restore {
        "Restoring the index" => prose("The index is restored from the provider's automated snapshots, not from this cluster: follow the provider's guide, then rebuild what changed since with the indexer's backfill job."),
        "Provider guide: restoring an automated snapshot" => link("https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-snapshot-restore.html"),
    }

    // Container output only, one row per cluster.
    logs {
        api "search-api": kubectl "deployment/{app} -c {app} -n {ns} --context {context}", "requests, slow queries and errors";
        logrotate none("the kubelet rotates container output (containerLogMaxSize)");
    }

    maintenance {
        daily none("nothing is due daily: the autoscaler and the provider do the routine work")
        weekly {
            pending_updates "Check the domain for pending service software updates" =>
                "aws opensearch describe-domain --region {region} --domain-name {domain} --query 'DomainStatus.ServiceSoftwareOptions'",
        }
        monthly {
            capacity "Review autoscaler limits against last month's peak" =>
                "kubectl --context {context} -n {ns} describe hpa {app}",
        }
    }

    alerts {
        pods_down "Search pods unavailable": P1, when available critical, for 5min, see pods_crashing,
            meaning "Fewer than half of the search-api replicas are available", impact "Searches fail or time out for users";
        crash_loop "Search pods restarting": P2, by "search-team", when restarts critical, for 15min, see pods_crashing;
        slow_queries "Slow searches": P3, by "search-team", when p95 warning, for 30min, see slow_queries,
            meaning "The 95th percentile of search latency is above 300 ms", impact "Search feels slow; nothing fails";
        query_errors "Search errors": P1, when errors critical, for 5min, see slow_queries;
    }

    troubleshooting {
        pods_crashing "Pods crash or are not ready" {
            symptom { "Available replicas below 80%", output "search-api-7d9c6b5f4-x2k8p   0/1   CrashLoopBackOff" }
            causes { "A bad release", "The OpenSearch domain refuses connections", "Memory limit too low for the query load" }
            diagnose {
                "Pod states" => "kubectl --context {context} -n {ns} get pods -l app={app}",
                "Why the last container stopped" => "kubectl --context {context} -n {ns} describe pods -l app={app} | grep -A 5 'Last State'",
                "The crashed container's last log lines" => "kubectl --context {context} -n {ns} logs deploy/{app} --previous --tail=100",
            }
            remedy {
                "Roll back a bad release" => if("the crashes started with the last rollout")
                    "kubectl --context {context} -n {ns} rollout undo deploy/{app}",
                "Restart the pods" => if("no rollout is in progress")
                    "kubectl --context {context} -n {ns} rollout restart deploy/{app}",
                "Fail over to the standby cluster" => prose("If the primary cluster cannot be recovered within 30 minutes, ask #platform-ops to move the DNS weight to the other cluster."),
            }
        }
        slow_queries "Searches are slow or fail" {
            symptom { "Query latency P95 above 300 ms", "Query error rate above 1%" }
            causes { "The domain is under-provisioned or in a blue/green update", "A heavy query pattern", "Too few replicas" }
            diagnose {
                "Domain health" => "aws opensearch describe-domain --region {region} --domain-name {domain} --query 'DomainStatus.Processing'"
                    expect("false"),
                "Replicas and autoscaler" => "kubectl --context {context} -n {ns} get hpa {app}",
                "Provider status" => link("https://health.aws.amazon.com/health/status"),
            }
            remedy {
                "Wait for the update" => if("the domain is processing an update") prose("Do not restart the pods: searches recover when the update ends (usually within an hour)."),
                // The autoscaler would undo `kubectl scale`: raise its floor instead.
                "More replicas for now" => r#"kubectl --context {context} -n {ns} patch hpa {app} --type merge -p '{{"spec":{{"minReplicas":8}}}}'"#,
            }
        }
    }

    checklist: KUBERNETES_CHECKLIST,
    contacts: PLATFORM_CONTACTS_EN,
    alerting: ALERTING_EN,
};
