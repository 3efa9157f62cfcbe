use super::tokens::is_token_char;
use super::{holds_any, letter_bit, secret, secret_in, Shape, TOKEN_BYTE};
use crate::check::walk::Kind;

#[test]
fn the_token_table_agrees_with_is_token_char() {
    for b in 0..=255u8 {
        assert_eq!(TOKEN_BYTE[usize::from(b)], b.is_ascii() && is_token_char(char::from(b)), "{b}");
    }
}

/// The shape of a text as its definition reads, byte by byte and with a
/// counter per run: what `Shape::of` must agree with.
fn shape_byte_by_byte(text: &str) -> Shape {
    let b = text.as_bytes();
    let mut shape = Shape { longest_run: 0, dashes: 0, signs: false, url: false, option: false };
    let (mut run, mut dashes) = (0, 0);
    for i in 0..b.len() {
        run = if TOKEN_BYTE[usize::from(b[i])] { run + 1 } else { 0 };
        shape.longest_run = shape.longest_run.max(run);
        dashes = if b[i] == b'-' { dashes + 1 } else { 0 };
        shape.dashes = shape.dashes.max(dashes);
        shape.option |= b[i] == b'-' && b.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic() || *n == b'-');
        shape.signs |= matches!(b[i], b'=' | b':');
        shape.url |= b[i] == b':' && b[i + 1..].starts_with(b"//");
    }
    shape
}

#[test]
fn the_shape_of_a_text_is_its_definition() {
    let parts = ["ghp_0123456789abcdefABCDEF", "--password=x", "https://h", "-----", "a:b", "-v", "x", "-", ""];
    for a in parts {
        for b in parts {
            for text in [
                format!("{a}{b}"),
                format!("{a} {b}"),
                format!("本番{a}環境{b}"),
                format!("{a}-{b}-"),
                format!("echo {a}|{b}:"),
            ] {
                assert_eq!(Shape::of(&text), shape_byte_by_byte(&text), "{text:?}");
            }
        }
    }
}

#[test]
fn letter_bits_are_the_letters_in_either_case() {
    for b in 0..=255u8 {
        let expected = if b.is_ascii_alphabetic() { 1 << (b.to_ascii_lowercase() - b'a') } else { 0 };
        assert_eq!(letter_bit(b), expected, "{b}");
    }
}

#[test]
fn holds_any_finds_a_word_in_any_case_and_nowhere_else() {
    let words: &[&[u8]] = &[b"passw", b"identified by"];
    for (text, holds) in [
        ("PGPASSWORD=x", true),
        ("CREATE USER app IDENTIFIED BY 'x'", true),
        ("パスワードpassw", true),
        ("pass", false),
        ("identified  by", false),
        ("", false),
        ("ÞASSWORD", false),
    ] {
        assert_eq!(holds_any(text, words), holds, "{text}");
    }
}

#[test]
fn rejects_credentials() {
    for s in [
        "-----BEGIN RSA PRIVATE KEY-----\nMIIE",
        "aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE",
        "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "curl -H 'Authorization: Bearer abcdef0123456789abcdef'",
        "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'",
        "PGPASSWORD=hunter2 psql -U app",
        "MYSQL_PWD='pa$$w0rd' mysql -u app",
        "DB_PASSWORD=s3cr3t/with/slashes ./migrate",
        "mysql --password=s3cret",
        "etcdctl --user root --password Etcd2026pw member list",
        "API_KEY=3f9a8b7c6d5e4f3a2b1c",
        r#"-d '{"email":"a@example.com","password":"password"}'"#,
        "redis-cli -u redis://app:s3cret@localhost:6379",
        "psql 'postgresql://app:p@ss/w0rd@db.internal:5432/shop'",
        "mysql -uroot -pS3cr3t shop",
        "mysqladmin status --password S3cr3t",
        "curl -u admin:hunter2 http://localhost/api",
        "sshpass -p hunter2 ssh ops@host",
        "sudo mysql -uroot -pS3cr3t -e 'SHOW PROCESSLIST'",
        "docker exec -i db mysql -uroot -pRootPw1 shop",
        "docker login -u ci -p Regpass2026 registry.internal",
        "redis-cli -h cache -a Xk29sLmQ INFO",
        "curl -X POST -d 'ok' https://hooks.slack.com/services/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",
        "curl -H 'Content-Type: application/json' https://discord.com/api/webhooks/112233445566778899/aBcDeF-gHiJkLmN0pQrStUvWxYz",
        "curl https://api.telegram.org/bot123456789:AAFx-1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tU/sendMessage",
        "TELEGRAM=123456789:AAFx1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tUv ./notify",
        "curl 'https://maps.googleapis.com/maps/api/geocode/json?key=AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW'",
        "curl -H 'X-Api-Key: 8f14e45fceea167a5a36dedd4bea2543' https://api.internal/v1",
        "curl -H 'Authorization: Basic YWRtaW46aHVudGVyMg==' http://localhost/",
        "OPENAI_API_KEY=sk-proj-4f9Qa8Zr2LmX7Vc1Tb6Nd3Hs5Kw0Jp9Ye2Ru8Io",
        "kubectl create secret generic db --from-literal=password=Tr0ub4dor",
        // Pasted from the providers' docs: values a tool accepts, not holes.
        "curl -X POST https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX",
        "SLACK_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        "aws configure set aws_access_key_id AKIAXXXXXXXXXXXXXXXX",
        "curl -H 'Authorization: Bearer xxxxxxxxxxxxxxxxxxxxxxxx'",
        "PGPASSWORD=xxxxxxxx psql -U app",
        "curl -H 'PRIVATE-TOKEN: Zx81kLmQ2pR7vT4w' https://gitlab.internal/api/v4/projects",
        "curl -H 'apikey: q8Wm3Zr7Tk2Lp9Vx4Nc6Hb1d' https://api.internal/",
        "helm upgrade db bitnami/postgresql --set auth.postgresPassword=S3cretPw",
        "redis-cli -h cache AUTH S3cretPw",
        "redis-cli CONFIG SET requirepass S3cretPw",
        "ldapsearch -x -D cn=admin,dc=corp -w S3cretPw -b dc=corp",
        "az login -u ops@corp.jp -p S3cretPw",
        "openssl enc -aes-256-cbc -k S3cretPw -in a -out b",
        "mysqldump -uroot -p'S3cret' shop",
        "snmpwalk -v3 -u ops -A S3cretPw host",
        "vault login hvs.CAESIJx8aK2bQ9mZ7vT4wR1nL6pF3sD0hG5jK8lQ2zX",
        "STRIPE_KEY=sk_test_51Hq8Wm3Zr7Tk2Lp9Vx4Nc6Hb1d",
        "mysql -e \"CREATE USER 'app'@'%' IDENTIFIED BY 'S3cretPw'\"",
        "psql -c \"ALTER USER app WITH PASSWORD 'S3cretPw'\"",
        "psql -c \"ALTER ROLE app PASSWORD 'S3cretPw'\"",
        "echo S3cretPw | docker login -u ci --password-stdin reg",
        "echo 'app:S3cretPw' | sudo chpasswd",
        "echo 'S3cretPw' | sudo -S systemctl restart app",
        "sudo -S <<< 'S3cretPw' systemctl restart app",
        // A credential set by a tool's configuration subcommand.
        "aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG",
        "aws configure set aws_secret_access_key hunter22",
        "gcloud config set auth/client_secret Zx81kLmQ",
        "git config --global user.password S3cretPw",
        "npm config set //registry.npmjs.org/:_authToken npm_a1b2c3d4",
        "kubectl config set-credentials admin --token=abc123def456ghi789",
        "curl -H 'X-Api-Token: x7Kp2-Qm9zR4-Wv8nT3' https://api.example.com/",
        "kubectl config set-credentials admin --password=S3cretPw",
        // Positional passwords of admin tools.
        "rabbitmqctl change_password app S3cretPw",
        "sudo rabbitmqctl -n rabbit@mq1 add_user app S3cretPw",
        "htpasswd -b /etc/nginx/.htpasswd admin S3cretPw",
        "htpasswd -nbB admin S3cretPw",
        "mysqladmin -u root password S3cretPw",
        "ipmitool user set password 2 S3cretPw",
        // Attached values: `-p=X`, `-pX`.
        "docker login -u ci -p=Regpass2026 registry.internal",
        "docker login -u ci -pRegpass2026 registry.internal",
        "echo x | docker login --password=Regpass2026 reg",
        "sshpass -phunter2 ssh ops@host",
        "redis-cli -a=Xk29sLmQ INFO",
        "ldapsearch -x -D cn=admin -wS3cretPw -b dc=corp",
        "smbclient //fs/share -Uops%S3cretPw",
        "ssh-keygen -t ed25519 -N 'S3cretPw' -f ~/.ssh/deploy",
        "7z a -pS3cretPw backup.7z /srv/data",
        "unzip -P S3cretPw backup.zip",
        "openssl passwd -6 -salt abc S3cretPw",
        r#"mongosh --eval 'db.createUser({user: "app", pwd: "S3cretPw", roles: ["readWrite"]})'"#,
    ] {
        assert!(secret(s).is_some(), "{s}");
    }
    assert!(secret_in("password = hunter2", Kind::Config).is_some());
    assert!(secret_in("  password: hunter2", Kind::Config).is_some());
}

#[test]
fn allows_placeholders_runtime_values_and_comparisons() {
    for s in [
        "token = 'YOUR_TOKEN'",
        "token = os.environ['JWT_TOKEN']",
        "PGPASSWORD=$PGPASSWORD psql",
        "PGPASSWORD=${DB_PASSWORD} psql",
        "PGPASSWORD=\"$(vault kv get -field=password secret/db)\" psql -h db",
        "curl -H \"Authorization: Bearer $TOKEN\"",
        r#"jq -n --arg password "$LOGIN_PASSWORD" '{password: $password}'"#,
        "grep '^SECRET_KEY=' .env | sha256sum",
        "grep -c '^DB_PASSWORD=' /srv/app/.env",
        "redis-cli -u redis://localhost:6379/2",
        "read -r -s -p \"Password: \" LOGIN_PASSWORD",
        "Access denied for user 'app'@'localhost' (using password: YES)",
        "mysql -u root -p shop",
        "curl -u \"$API_USER:$API_PASSWORD\" http://localhost/api",
        "docker login -u ci --password-stdin registry.internal",
        "psql -c \"SELECT id FROM users WHERE must_change_password = true\"",
        "psql -c \"SELECT count(*) FROM users WHERE password = crypt('x', password)\"",
        "psql -c \"UPDATE users SET reset_password = false WHERE id = 7\"",
        "psql -c \"SELECT email FROM users u WHERE u.password = u.legacy_hash\"",
        "echo password_reset=true >> /tmp/flags",
        "curl -s 'http://localhost:9200/_cat/indices?v&s=index'",
        "curl -s http://localhost:8080/api/health",
        "git clone https://github.com/acme/app.git",
        "ssh ops@db1 'pg_isready'",
        "kubectl get secret db -o jsonpath='{.data.password}' | base64 -d",
        "token=main ./deploy",
        // A name someone chose, not a generated key: etcd's cluster token.
        "etcd --name etcd-1 --initial-cluster-token etcd-cluster-1 --initial-cluster-state new",
        "etcdutl snapshot restore snap.db --initial-cluster-token=etcd-cluster-1",
        "SLACK_WEBHOOK=https://hooks.slack.com/services/YOUR_TEAM/YOUR_CHANNEL/YOUR_HOOK",
        "curl -X POST https://hooks.slack.com/services/${SLACK_HOOK_PATH}",
        "echo 'password: ********'",
        "curl -X POST \"$SLACK_WEBHOOK_URL\" -d @payload.json",
        "İİİİİİ password",
        "Wait for the token to expire (about 5 minutes)",
        "curl -H 'Authorization: Bearer <token>' http://localhost/api",
        "docker run -p 8080:80 nginx",
        "max_connections = 150  # デフォルト",
        "export PGPASSFILE=/root/.pgpass",
        "mysql --defaults-extra-file=/root/.my.cnf -e 'SELECT 1'",
        "ANSIBLE_VAULT_PASSWORD_FILE=~/.vault_pass ansible-playbook site.yml",
        "PASSWORD_MIN_LENGTH=12",
        "vault token create --token-ttl=3600",
        "htpasswd -c /etc/nginx/.htpasswd admin",
        "curl -H 'X-Request-Id: 4f1c2a9e8b7d6c5a3e2f' http://localhost/",
        "sort_key=abc123def456ghi789 ./reindex",
        r#"curl -d '{"api_version": "2024-01-01"}' http://localhost/"#,
        "crontab -l > /tmp/cron.bak",
        "パスワード=$(cat /run/secrets/db) ./run",
        "ｅhttps://u:$P@h/",
        "psql -h db -U app --password shop",
        "pg_dump --no-password -h db shop",
        "mysql -u root --password shop",
        r#"curl -d '{"user":"ops","password":"'"$PASS"'"}' http://localhost/login"#,
        "grep -i password '/var/log/auth.log'",
        "grep -c 'Failed password' /var/log/auth.log",
        "psql -c \"ALTER USER app WITH PASSWORD '$DB_PASSWORD'\"",
        "psql -c \"ALTER USER app WITH PASSWORD NULL\"",
        "vault kv get -field=password secret/db | sudo -S true",
        "printf '%s' \"$PASSWORD\" | docker login -u ci --password-stdin reg",
        "echo \"$REGISTRY_TOKEN\" | helm registry login -u ci --password-stdin reg",
        "sudo -S true < /run/secrets/sudo",
        "redis-cli -a \"$REDIS_PASSWORD\" AUTH \"$REDIS_PASSWORD\"",
        "curl -H 'X-Request-Id: abcDEF1234567890' http://localhost/",
        "helm upgrade app ./chart --set image.tag=v1.2.3",
        "aws configure set region eu-west-1",
        "aws configure get aws_access_key_id",
        "git config --global credential.helper store",
        "gcloud config set pass_credentials_to_gsutil false",
        "npm config set //registry.npmjs.org/:_authToken \"$NPM_TOKEN\"",
        "kubectl config set-credentials admin --token=\"$(cat /run/secrets/k8s)\"",
        "rabbitmqctl add_user app",
        "rabbitmqctl change_password app \"$MQ_PASSWORD\"",
        "rabbitmqctl list_users",
        "mysqladmin -u root -p password",
        "docker run -p=8080:80 nginx",
        "docker login -u ci -p=\"$REGISTRY_PASSWORD\" reg",
        "ldapsearch -x -s sub -b dc=corp uid=ops",
        "openssl req -new -key app.key -out app.csr",
        "grep -r password /etc/app",
        "git config --get user.email",
        "ssh-keygen -t ed25519 -N '' -f ~/.ssh/deploy",
        "openssl passwd -6 -salt abc",
        "openssl passwd -6 -stdin < /run/secrets/pw",
        "7z x backup.7z -o/srv/restore",
        "7z a -p backup.7z /srv/data",
        "git config --global user.name 'Ops Bot'",
        "gcloud config set project my-project",
        "gcloud config set account ops@corp.com",
        "kubectl config set-context --current --namespace=prod",
        "aws configure set aws_access_key_id \"$AWS_ACCESS_KEY_ID\"",
        "rabbitmqctl set_permissions -p / app '.*' '.*' '.*'",
        "mysqladmin -u root -p status",
        "mysqladmin -u root -p password",
        "docker run -e POSTGRES_PASSWORD_FILE=/run/secrets/pg postgres",
        "ssh-keygen -lf ~/.ssh/id_ed25519.pub",
        "ssh-keygen -p -f ~/.ssh/deploy",
        r#"mongosh --eval 'db.createUser({user: "app", pwd: passwordPrompt(), roles: []})'"#,
        "Access denied (using password: YES)",
    ] {
        assert_eq!(secret(s), None, "{s}");
    }
}
