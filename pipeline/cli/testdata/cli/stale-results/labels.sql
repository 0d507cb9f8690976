SELECT count(*) AS areas FROM classifications WHERE period = 2021
