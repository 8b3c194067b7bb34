{{- define "sqo.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "sqo.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "sqo.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "sqo.serviceAccountName" -}}
{{- default (include "sqo.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "sqo.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The restricted security context both containers run with, less what the agent must have. */}}
{{- define "sqo.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 185
runAsGroup: 185
fsGroup: 185
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
Rules for the namespaced resources sqo reads and changes for ServiceQualities; a ClusterRole's or a Role's.
Explicit verbs, no wildcards: see docs/operator.md for why each is needed.
*/}}
{{- define "sqo.namespacedRules" -}}
- apiGroups: [sqo.dev]
  resources: [servicequalities]
  verbs: [get, list, watch, patch, update]
- apiGroups: [sqo.dev]
  resources: [servicequalities/status]
  verbs: [patch, update]
- apiGroups: [sqo.dev]
  resources: [servicequalities/finalizers]
  verbs: [update]
# delete: only its own object of the other kind, after the rules move between a PrometheusRule and a ConfigMap.
- apiGroups: [monitoring.coreos.com]
  resources: [prometheusrules]
  verbs: [get, create, update, delete]
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, create, update, delete]
- apiGroups: [apps]
  resources: [deployments, statefulsets]
  verbs: [get, patch]
- apiGroups: [""]
  resources: [pods]
  verbs: [list]
- apiGroups: [autoscaling]
  resources: [horizontalpodautoscalers]
  verbs: [get, list, patch]
- apiGroups: [""]
  resources: [events]
  verbs: [create]
{{- with .Values.secretNames }}
- apiGroups: [""]
  resources: [secrets]
  resourceNames: {{ toJson . }}
  verbs: [get]
{{- end }}
{{- end -}}
