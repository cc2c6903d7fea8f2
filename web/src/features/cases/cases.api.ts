import type {
  AssessmentInput,
  Case,
  CaseInput,
  CaseSettings,
  CaseTask,
  CaseTeamInput,
  Conference,
  ConferenceInput,
  GoalInput,
  MinutesInput,
  ObstacleInput,
  PhaseInput,
  Referral,
  ReferralInput,
  StepInput,
  TaskInput,
} from '@lotse/common';
import { api } from '../../api/client';

/** The case management API (server/src/features/cases). */
export const casesApi = {
  worklistPath: '/api/worklist',
  casePath: (id: string) => `/api/cases/${id}`,
  referralsPath: (box: 'incoming' | 'outgoing') => `/api/referrals?box=${box}`,
  referralPath: (id: string) => `/api/referrals/${id}`,
  caseloadPath: '/api/caseload',
  obstaclesPath: (q: { from?: string; to?: string } = {}) => {
    const query = new URLSearchParams(Object.entries(q).filter(([, v]) => !!v) as [string, string][]);
    return `/api/obstacles/report${query.toString() ? `?${query.toString()}` : ''}`;
  },
  managersPath: '/api/cases/managers',
  settingsPath: '/api/cases/settings',
  timelinePath: (personId: string) => `/api/persons/${personId}/timeline`,
  saveSettings: (body: CaseSettings) => api.put<CaseSettings>('/api/cases/settings', body),
  open: (body: CaseInput) => api.post<Case>('/api/cases', body),
  team: (id: string, body: CaseTeamInput) => api.put<Case>(`/api/cases/${id}/team`, body),
  phase: (id: string, body: PhaseInput) => api.post<Case>(`/api/cases/${id}/phase`, body),
  assess: (id: string, body: AssessmentInput) => api.put<Case>(`/api/cases/${id}/assessment`, body),
  addGoal: (id: string, body: GoalInput) => api.post<Case>(`/api/cases/${id}/goals`, body),
  addStep: (id: string, goalId: string, body: StepInput) =>
    api.post<Case>(`/api/cases/${id}/goals/${goalId}/steps`, body),
  stepStatus: (id: string, stepId: string, status: string) =>
    api.post<Case>(`/api/cases/${id}/steps/${stepId}/status`, { status }),
  agree: (id: string, note: string) => api.post<Case>(`/api/cases/${id}/agreement`, { note }),
  addTask: (id: string, body: TaskInput) => api.post<Case>(`/api/cases/${id}/tasks`, body),
  taskDone: (taskId: string) => api.post<CaseTask>(`/api/tasks/${taskId}/done`),
  refer: (id: string, body: ReferralInput) => api.post<Referral>(`/api/cases/${id}/referrals`, body),
  moveReferral: (id: string, step: 'accept' | 'decline' | 'done' | 'withdraw', body: object) =>
    api.post<Referral>(`/api/referrals/${id}/${step}`, body),
  planConference: (id: string, body: ConferenceInput) =>
    api.post<Conference>(`/api/cases/${id}/conferences`, body),
  minutes: (conferenceId: string, body: MinutesInput) =>
    api.post<Conference>(`/api/conferences/${conferenceId}/minutes`, body),
  addObstacle: (id: string, body: ObstacleInput) => api.post<Case>(`/api/cases/${id}/obstacles`, body),
};
