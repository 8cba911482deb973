package com.entralake.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"entra-lake " + (version == null ? "(development build)" : version)};
    }
}
