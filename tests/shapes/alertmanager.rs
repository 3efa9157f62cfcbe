//! Alertmanager on Kubernetes, as the prometheus-operator runbooks and
//! kube-prometheus' alert rules describe it: a StatefulSet of three pods in
//! two clusters, deployed and restarted by the operator, with no state to
//! back up and no log file. Written by a reader of those upstream pages
//! only; shared by the Markdown, catalog and rule tests.

use runbook_dsl::{runbook, Runbook};
use runbooks::common::{KUBERNETES_CHECKLIST, PLATFORM_CONTACTS_EN};

/// Alertmanager (kube-prometheus' `alertmanager-main`) in two clusters.
pub const ALERTMANAGER: Runbook = runbook! {
    feature: alertmanager,
    title: "Alertmanager",
    owner: "monitoring-team",
    updated: 2026-11-30,
    version: "0.27",
    lang: en,
    summary: "Routes, groups and silences the alerts of both clusters' Prometheus; deployed by prometheus-operator.",
    chat: "#monitoring-ops",

    vars {
        ns = "monitoring",
        am = "alertmanager-main",
        url = "http://localhost:9093",
    }
    environments {
        tokyo "Production (Tokyo)" { context = "prod-tokyo" }
        osaka "Production (Osaka)" { context = "prod-osaka" }
    }
    // The StatefulSet's pods: each gossips with the others on port 9094.
    members {
        pods {
            am0 "alertmanager-main-0" { pod = "alertmanager-main-0" }
            am1 "alertmanager-main-1" { pod = "alertmanager-main-1" }
            am2 "alertmanager-main-2" { pod = "alertmanager-main-2" }
        }
    }

    architecture {
        prometheus { name: "Prometheus", kind: "StatefulSet", version: "2.54", role: "evaluates the rules, sends alerts", link: "HTTP :9093" }
        am { name: "Alertmanager", kind: "StatefulSet (3 pods)", version: "0.27", role: "dedup, grouping, routing, silences", link: "HTTPS" }
        receivers { name: "Receivers", kind: "Slack, PagerDuty, e-mail", version: "n/a", role: "where notifications go" }
        operator { name: "prometheus-operator", kind: "Deployment", version: "0.76", role: "renders the StatefulSet and the configuration Secret", optional }
    }

    deploy { none("deployed and upgraded by prometheus-operator from the Alertmanager resource in Git; this runbook does not deploy it") }
    service { none("runs on Kubernetes: the StatefulSet controller starts, stops and replaces the pods; a restart is a remedy under troubleshooting") }

    monitoring {
        notifications "Notifications" {
            failed "Failed notifications, per integration": normal <= 1%, warning > 1%,
                query "rate(alertmanager_notifications_failed_total{job=\"alertmanager-main\",namespace=\"monitoring\"}[5m]) / ignoring (reason) group_left rate(alertmanager_notifications_total{job=\"alertmanager-main\",namespace=\"monitoring\"}[5m])";
        }
        cluster "Cluster" {
            down "Pods down": normal < 50%, critical >= 50%,
                query "count by (namespace, service) (avg_over_time(up{job=\"alertmanager-main\",namespace=\"monitoring\"}[5m]) < 0.5) / count by (namespace, service) (up{job=\"alertmanager-main\",namespace=\"monitoring\"})";
        }
    }

    backup { none("no state to back up: silences and the notification log are replicated between the pods, and the configuration is the Secret prometheus-operator renders from Git") }
    restore { none("nothing to restore: a pod that starts again receives the silences from its peers, and the configuration from the operator") }

    logs {
        am "Alertmanager": kubectl "--context {context} -n {ns} statefulset/{am} -c alertmanager", "reloads, notification errors, cluster gossip";
        reloader "Config reloader": kubectl "--context {context} -n {ns} statefulset/{am} -c config-reloader", "when the Secret changed and the reload it triggered";
        logrotate none("the kubelet rotates container output");
    }

    maintenance {
        daily none("nothing is due daily: the operator and the StatefulSet controller do the routine work")
        weekly {
            expired "List the silences that expired this week" =>
                "kubectl --context {context} -n {ns} exec {am}-0 -c alertmanager -- amtool silence query --expired --alertmanager.url={url}",
        }
        monthly none("nothing is due monthly")
    }

    alerts {
        failed_reload "AlertmanagerFailedReload": P1, for 10min,
            expr "max_over_time(alertmanager_config_last_reload_successful{job=\"alertmanager-main\",namespace=\"monitoring\"}[5m]) == 0",
            see failed_reload,
            meaning "An Alertmanager pod has failed to load its configuration for 10 minutes",
            impact "Alerts may not be routed as the configuration says; changes to the configuration are not picked up";
        members_inconsistent "AlertmanagerMembersInconsistent": P1, for 15min,
            expr "max_over_time(alertmanager_cluster_members{job=\"alertmanager-main\",namespace=\"monitoring\"}[5m]) < on (namespace, service) group_left count by (namespace, service) (max_over_time(alertmanager_cluster_members{job=\"alertmanager-main\",namespace=\"monitoring\"}[5m]))",
            see members_inconsistent,
            meaning "At least one Alertmanager pod has not found all the other members of its cluster",
            impact "Members that do not see each other notify twice, and a silence set on one may not reach the others";
        failed_to_send "AlertmanagerFailedToSendAlerts": P2, when failed warning, for 5min, see failed_to_send,
            meaning "An Alertmanager pod failed to send more than 1% of its notifications to an integration",
            impact "Some notifications of that integration do not arrive";
        cluster_down "AlertmanagerClusterDown": P1, when down critical, for 5min, see cluster_down,
            meaning "Half or more of the Alertmanager pods of a cluster have been down for 5 minutes",
            impact "Alerts may not be delivered at all; silences and the notification log may be lost";
    }

    troubleshooting {
        failed_reload "Configuration reload failed" {
            symptom { "alertmanager_config_last_reload_successful is 0", output "level=ERROR component=configuration msg=\"Loading configuration file failed\"" }
            causes { "A syntax or semantic error in the configuration Secret", "A template or receiver the configuration names does not exist" }
            diagnose {
                "Why the load failed" => "kubectl --context {context} -n {ns} logs statefulset/{am} -c alertmanager --tail=100",
                "Check the rendered configuration" => "kubectl --context {context} -n {ns} exec {am}-0 -c alertmanager -- amtool check-config /etc/alertmanager/config_out/alertmanager.env.yaml"
                    expect("Checking '/etc/alertmanager/config_out/alertmanager.env.yaml'  SUCCESS"),
            }
            remedy {
                "Fix the configuration in Git" => prose("The fix depends on the error in the log: correct the AlertmanagerConfig or the alertmanager-main Secret in Git and let it sync; the config reloader reloads the pods."),
                "Upstream runbook" => link("https://runbooks.prometheus-operator.dev/runbooks/alertmanager/alertmanagerfailedreload/"),
            }
        }
        members_inconsistent "Cluster members do not see each other" {
            symptom { "alertmanager_cluster_members differs between the pods", "Duplicate notifications" }
            causes { "A NetworkPolicy blocks the gossip port 9094 between the pods", "A pod was rescheduled and its peers still hold its old address" }
            diagnose {
                "Members each pod sees" => each(pods) "kubectl --context {context} -n {ns} exec {pod} -c alertmanager -- amtool cluster show --alertmanager.url={url}",
                "Addresses of the governing service" => "kubectl --context {context} -n {ns} get endpoints alertmanager-operated -o wide",
                "Network policies in the namespace" => "kubectl --context {context} -n {ns} get networkpolicy",
            }
            remedy {
                "Allow the gossip port" => if("a NetworkPolicy blocks port 9094") prose("Allow TCP and UDP 9094 between the Alertmanager pods in the policy in Git."),
                "Restart the pods one at a time" => if("no policy blocks the port")
                    "kubectl --context {context} -n {ns} rollout restart statefulset/{am}",
                "Wait for the restart" => "kubectl --context {context} -n {ns} rollout status statefulset/{am} --timeout=300s",
            }
        }
        failed_to_send "Notifications fail to send" {
            symptom { "alertmanager_notifications_failed_total rises", output "level=ERROR component=dispatcher msg=\"Notify for alerts failed\"" }
            causes { "The receiver's endpoint is down or unreachable", "An expired or revoked token of the integration", "An egress NetworkPolicy or firewall" }
            diagnose {
                "Which integration fails and why" => "kubectl --context {context} -n {ns} logs statefulset/{am} -c alertmanager --tail=200 | grep -i notify",
                "Failure rate per integration" => link("https://prometheus.io/docs/alerting/latest/configuration/#receiver"),
            }
            remedy {
                "Correct the integration" => prose("Depending on the integration, correct what the log names (network, authorization token, firewall) in the receiver's configuration in Git."),
                "Upstream runbook" => link("https://runbooks.prometheus-operator.dev/runbooks/alertmanager/alertmanagerfailedtosendalerts/"),
            }
        }
        cluster_down "Half or more of the pods are down" {
            symptom { "up is 0 for half or more of the alertmanager-main targets" }
            causes { "Pods cannot be scheduled (resources, node failure)", "Pods crash on start", "The operator failed to render the StatefulSet" }
            diagnose {
                "Pod states" => "kubectl --context {context} -n {ns} get pods -l alertmanager=main -o wide",
                "Events of the pods" => "kubectl --context {context} -n {ns} describe pods -l alertmanager=main",
                "The operator's view" => "kubectl --context {context} -n {ns} get alertmanager main -o yaml",
            }
            remedy {
                "Act on the cause the events name" => prose("If the pods cannot be scheduled, free or add capacity; if they crash, read the previous container's log; if the operator fails, read its log."),
                "The previous container's log" => "kubectl --context {context} -n {ns} logs {am}-0 -c alertmanager --previous --tail=100",
                "Upstream runbook" => link("https://runbooks.prometheus-operator.dev/runbooks/alertmanager/alertmanagerclusterdown/"),
            }
        }
    }

    checklist: KUBERNETES_CHECKLIST,
    contacts: PLATFORM_CONTACTS_EN,
    alerting: runbooks::ALERTING_EN,
};
