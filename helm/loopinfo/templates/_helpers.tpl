{{/* The chart's name, shortened to the 63 characters a Kubernetes name may have. */}}
{{- define "loopinfo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: release name, plus the chart name unless the release name already has it. */}}
{{- define "loopinfo.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "loopinfo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the pods: stable for the release's whole life. */}}
{{- define "loopinfo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "loopinfo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "loopinfo.labels" -}}
helm.sh/chart: {{ include "loopinfo.chart" . }}
{{ include "loopinfo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/component: server
app.kubernetes.io/part-of: loopinfo
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "loopinfo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "loopinfo.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "loopinfo.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/* Grace period: above the preStop sleep plus Spring's graceful shutdown, unless set. */}}
{{- define "loopinfo.terminationGracePeriodSeconds" -}}
{{- if .Values.shutdown.terminationGracePeriodSeconds }}
{{- .Values.shutdown.terminationGracePeriodSeconds }}
{{- else }}
{{- add .Values.shutdown.preStopSleepSeconds .Values.shutdown.gracefulTimeoutSeconds 10 }}
{{- end }}
{{- end }}

{{/* The PodDisruptionBudget is worth having only when more than one pod can run. */}}
{{- define "loopinfo.pdbEnabled" -}}
{{- if and .Values.podDisruptionBudget.enabled (or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1)) }}true{{- end }}
{{- end }}

{{/* The Spring Boot configuration the pods run with, rendered into the ConfigMap; extraConfig wins. */}}
{{- define "loopinfo.applicationYaml" -}}
{{- $config := dict
  "server" (dict "port" .Values.ports.http)
  "management" (dict "server" (dict "port" .Values.ports.management))
  "spring" (dict "lifecycle" (dict "timeout-per-shutdown-phase" (printf "%ds" (int .Values.shutdown.gracefulTimeoutSeconds))))
  "loopinfo" (deepCopy .Values.loopinfo) }}
{{- $endpoint := dict }}
{{- if not .Values.actuator.pipelineControls }}
{{- $_ := set $endpoint "pipeline" (dict "access" "read-only") }}
{{- end }}
{{- if not .Values.testbed.controls.enabled }}
{{- $_ := set $endpoint "readiness" (dict "access" "none") }}
{{- $_ := set $endpoint "faults" (dict "access" "none") }}
{{- end }}
{{- with .Values.faults }}{{- if gt (float64 .rate) 0.0 }}
{{- $faults := dict "faultRate" (float64 .rate) "faultLatency" .latency "faultJitter" .jitter }}
{{- if .status }}{{- $_ := set $faults "faultStatus" .status }}{{- end }}
{{- $_ := set $config.loopinfo "testbed" (mustMergeOverwrite (default (dict) (get $config.loopinfo "testbed")) $faults) }}
{{- end }}{{- end }}
{{- if $endpoint }}
{{- $_ := set $config.management "endpoint" $endpoint }}
{{- end }}
{{- if eq .Values.logging.format "json" }}
{{- $_ := set $config "logging" (dict "structured" (dict "format" (dict "console" .Values.logging.structuredFormat))) }}
{{- end }}
{{- toYaml (mustMergeOverwrite $config (deepCopy .Values.extraConfig)) }}
{{- end }}
