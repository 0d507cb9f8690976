-- description: members of one area
-- param: area area required the area
SELECT member FROM partnership WHERE area_id = $area ORDER BY member
