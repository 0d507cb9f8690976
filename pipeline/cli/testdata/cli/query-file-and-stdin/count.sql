SELECT count(*) AS n FROM areas WHERE region = $region
