package com.entralake.connectivity;

/** One application permission the selected data types need: present in the token or, if not, why not. */
public record PermissionStatus(String permission, State state) {

    public enum State {
        GRANTED("granted"),
        /** In requiredResourceAccess as an application permission, but not in the token: consent is missing. */
        NOT_CONSENTED("added, but admin consent not granted: press 'Grant admin consent' in API permissions"),
        /** Only a delegated (Scope) entry exists: app-only tokens never carry delegated permissions. */
        DELEGATED_INSTEAD("added as a Delegated permission; add it as an Application permission and grant consent"),
        NOT_ADDED("not added to the app registration: add it as an Application permission and grant consent"),
        /** Missing, but the registration could not be read to say why (no Application.Read.All). */
        MISSING("missing (grant Application.Read.All to let Entra Lake say why)");

        private final String advice;

        State(String advice) {
            this.advice = advice;
        }

        public String advice() {
            return advice;
        }
    }
}
