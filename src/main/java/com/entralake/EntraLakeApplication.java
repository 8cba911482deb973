package com.entralake;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EntraLakeApplication {
    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(EntraLakeApplication.class, args)));
    }
}
